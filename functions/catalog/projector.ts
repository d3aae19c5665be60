import type { DynamoDBBatchResponse } from 'aws-lambda';
import { EntryCache, projectCatalogBatch } from '../../adapters/projections';
import { logger } from '../runtime/logger';
import { parseStreamRecords, streamEventSchema } from '../publisher/streamRecords';
import { catalogDeps } from './deps';

const deps = catalogDeps();
const entryCache = new EntryCache();

/**
 * The catalogue projection, on its own subscription to the events table's stream (not the bus): one hop
 * less lag, no dependence on the publisher, and records in order per stream. Streams that fail are reported
 * from their first record; Lambda re-delivers from there and the version gate acknowledges what was done.
 */
export const handler = async (event: unknown): Promise<DynamoDBBatchResponse> => {
  const records = parseStreamRecords(streamEventSchema.parse(event));
  const firstInvalid = records.find((record) => record.kind === 'invalid');
  const usable = firstInvalid === undefined ? records : records.slice(0, records.indexOf(firstInvalid));
  const events = usable.flatMap((record) => (record.kind === 'event' ? [record.event] : []));
  const { failedStreams } = await projectCatalogBatch({ db: deps.db, catalogTable: deps.tables.catalog, store: deps.store, entryCache }, events);
  const failed = usable.find((record) => record.kind === 'event' && failedStreams.has(record.event.streamId)) ?? firstInvalid;
  if (failed === undefined) return { batchItemFailures: [] };
  logger.warn('catalogue projection left records for a retry', { from: failed.sequenceNumber, streams: [...failedStreams.keys()], errors: [...failedStreams.values()].map(String) });
  return { batchItemFailures: [{ itemIdentifier: failed.sequenceNumber }] };
};
