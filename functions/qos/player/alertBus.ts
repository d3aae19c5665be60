import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { z } from 'zod';
import { toEventBridgeEntry, type EventEnvelope } from '../../../events/envelope';
import { readConfig } from '../../runtime/config';

export class AlertNotPublishedError extends Error {
  constructor(eventId: string, reason: string) {
    super(`alert event ${eventId} was not accepted by the bus: ${reason}`);
    this.name = 'AlertNotPublishedError';
  }
}

/** Puts QoE alert events on the bus, one at a time (a transition is published before it is marked published). */
export const alertPublisher = (env: Readonly<Record<string, string | undefined>>): ((envelope: EventEnvelope) => Promise<void>) => {
  const { EVENT_BUS_NAME } = readConfig(z.object({ EVENT_BUS_NAME: z.string().min(1) }), env, 'QoS alerts bus');
  const eventBridge = new EventBridgeClient({});
  return async (envelope) => {
    const result = await eventBridge.send(new PutEventsCommand({ Entries: [toEventBridgeEntry(envelope, EVENT_BUS_NAME)] }));
    if ((result.FailedEntryCount ?? 0) > 0) throw new AlertNotPublishedError(envelope.eventId, result.Entries?.[0]?.ErrorMessage ?? 'unknown');
  };
};
