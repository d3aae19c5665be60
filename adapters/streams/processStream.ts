import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { failedRecords, groupRecords, type Decoder, type GroupFailure, type Groups } from './groups';
import { streamEventSchema } from './streamEvent';

/** A stream consumer: how records decode into units, how units group, and what is done with the groups. */
export interface StreamConsumer<T> extends Decoder<T> {
  /**
   * Folds (or publishes) the groups, each in record order, and says which groups failed from which unit on. It
   * throws only for what fails every group alike; one group's trouble is a GroupFailure, so it holds back no other.
   */
  readonly process: (groups: Groups<T>) => Promise<ReadonlyMap<string, GroupFailure>>;
  /** What the consumer does, for the log line about records left for a retry. */
  readonly name: string;
  readonly logger?: { warn(message: string, extra: Record<string, unknown>): void };
  /** Told how many records of a batch were left for a retry (operators count them: functions/runtime/metrics). */
  readonly onRecordsLeft?: (count: number) => void;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : JSON.stringify(error));

const noFailures: ReadonlyMap<string, GroupFailure> = new Map();

/**
 * Runs one DynamoDB Streams batch through a consumer: the event parsed (zod), images unmarshalled, units grouped,
 * the groups processed, and the records of failed groups reported as batch item failures with Powertools (the
 * function's stream event needs `functionResponseType: ReportBatchItemFailures`). Never the whole batch for one
 * group: Lambda retries from the earliest failed record, in order, and the version gates acknowledge what was done.
 *
 * @example
 * export const handler = (event: unknown) => processStream(event, { decode: (item) => [parseEventItem(item)], keyOf: (e) => e.streamId, process });
 */
export const processStream = async <T>(event: unknown, consumer: StreamConsumer<T>): Promise<DynamoDBBatchResponse> => {
  const { Records } = streamEventSchema.parse(event);
  const batch = groupRecords(Records, consumer);
  const failures = batch.groups.size === 0 ? noFailures : await consumer.process(batch.groups);
  const failed = failedRecords(Records, batch, failures);
  if (failed.size > 0) consumer.onRecordsLeft?.(failed.size);
  if (failed.size > 0) consumer.logger?.warn(`${consumer.name}: records left for a retry`, { records: [...failed.keys()], errors: [...new Set([...failed.values()].map(describe))] });
  const answer = (record: DynamoDBRecord) => {
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
    if (!failed.has(sequenceNumber)) return;
    const error = failed.get(sequenceNumber);
    throw error instanceof Error ? error : new Error(String(error));
  };
  // The zod schema checked what Powertools reads (Records, each record's SequenceNumber).
  return processPartialResponse({ Records } as unknown as DynamoDBStreamEvent, answer, new BatchProcessor(EventType.DynamoDBStreams), { throwOnFullBatchFailure: false });
};
