import * as z from 'zod';
import type { EventStore } from '../../adapters/eventstore';
import { processingEndedNotice, type ProcessingEndedNotice } from '../../domain/notifications/processingEnded';
import { decodeShowEvent, evolveShow, initialShowState, showStreamId } from '../../domain/show';
import { envelopeSchema } from '../../events/envelope';
import { logger } from '../runtime/logger';

/** Sends one notice (SNS on AWS); where it goes is the operator's choice (README). */
export type SendNotice = (notice: ProcessingEndedNotice) => Promise<void>;

export interface NotifierDeps {
  readonly store: EventStore;
  /** Absent when the operator has not switched notices on: the notifier then sends nothing. */
  readonly send?: SendNotice;
}

/** An outboxed event as the publisher puts it on the bus: the stored envelope is the detail. */
const busEventSchema = z.object({ detail: envelopeSchema });

/** Who drafted the show (the actor of its first event) and its title, from the show's own stream. */
const showOf = async (store: EventStore, showId: string) => {
  const { events } = await store.readStream(showStreamId(showId));
  const state = events.map((stored) => decodeShowEvent(stored)).reduce(evolveShow, initialShowState);
  return { creatorId: events[0]?.actor.id ?? 'unknown', title: state.metadata?.title ?? '' };
};

/**
 * The creator notifier: on the bus, for each event that ends a show's processing (ShowPublished, ShowRejected,
 * ProcessingFailed), tells the show's creator how it ended. EventBridge delivers at least once: a repeated delivery
 * sends the notice again, which a person shrugs off; losing one they would not.
 */
export const notifier = (deps: NotifierDeps) => async (event: unknown): Promise<{ sent: boolean }> => {
  const envelope = busEventSchema.parse(event).detail;
  const ended = decodeShowEvent(envelope);
  if (deps.send === undefined) return { sent: false };
  const notice = processingEndedNotice(ended, await showOf(deps.store, ended.data.showId));
  if (notice === null) return { sent: false };
  await deps.send(notice);
  logger.info('creator notified', { showId: notice.showId, creatorId: notice.creatorId, outcome: notice.outcome });
  return { sent: true };
};
