import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import * as z from 'zod';
import { readConfig } from '../runtime/config';
import { logger } from '../runtime/logger';
import { eventBridgeClient } from '../runtime/sdk/eventBridge';
import { outboxPublisher } from './outbox';

const config = readConfig(z.object({ EVENT_BUS_NAME: z.string().min(1) }), process.env, 'publisher configuration');

/**
 * The outbox publisher: every event committed to the events table reaches the bus, in order per stream.
 * What it cannot publish after bounded retries it reports as batch item failures; Lambda retries from
 * there (maximumRetryAttempts), bisects, and finally hands the records to the on-failure destination.
 */
export const handler = outboxPublisher({
  eventBusName: config.EVENT_BUS_NAME,
  putEvents: (entries) => eventBridgeClient().send(new PutEventsCommand({ Entries: entries })),
  logger,
});
