import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { z } from 'zod';
import { logger } from '../runtime/logger';
import { readConfig } from '../runtime/config';
import { eventBridgeClient } from '../runtime/sdk/eventBridge';
import { publishInOrder } from './publishInOrder';
import { parseStreamRecords, streamEventSchema } from './streamRecords';

const config = readConfig(z.object({ EVENT_BUS_NAME: z.string().min(1) }), process.env, 'publisher configuration');

/**
 * The outbox publisher: every event committed to the events table reaches the bus, in order per stream.
 * What it cannot publish after bounded retries it reports as a batch item failure; Lambda retries from
 * there (maximumRetryAttempts), bisects, and finally hands the records to the on-failure destination.
 */
export const handler = async (event: unknown): Promise<DynamoDBBatchResponse> => {
  const records = parseStreamRecords(streamEventSchema.parse(event));
  const result = await publishInOrder(records, {
    eventBusName: config.EVENT_BUS_NAME,
    putEvents: (entries) => eventBridgeClient().send(new PutEventsCommand({ Entries: entries })),
  });
  if (result.firstUnpublished === undefined) return { batchItemFailures: [] };
  logger.warn('events left unpublished; Lambda retries from the first', {
    firstUnpublished: result.firstUnpublished,
    published: result.published,
    error: result.lastError instanceof Error ? result.lastError.message : result.lastError,
  });
  return { batchItemFailures: [{ itemIdentifier: result.firstUnpublished }] };
};
