import { functionNameOf, parseStreamFailureRecord, type StreamFailureRecord } from './invocationRecord';
import type { DeadLetterQueuePort, QueuedMessage } from './queue';
import type { BatchRecords, LambdaStreamRecord, StreamRecordsPort } from './streamRecords';

export interface DeadLetterPorts {
  readonly queue: DeadLetterQueuePort;
  readonly records: StreamRecordsPort;
}

/** A record of the failed batch as an operator reads it: where it is in the stream, what it did, which item. */
export const recordView = (record: LambdaStreamRecord) => ({
  sequenceNumber: record.dynamodb.SequenceNumber ?? '',
  eventName: record.eventName ?? '',
  keys: Object.fromEntries(
    Object.entries(record.dynamodb.Keys ?? {}).map(([name, value]) => {
      const attribute = value as { S?: string; N?: string };
      return [name, attribute.S ?? attribute.N ?? '(binary)'];
    }),
  ),
});

const recordsView = (batch: BatchRecords) =>
  batch.retained ? { retained: true, note: null, items: batch.records.map(recordView) } : { retained: false, note: batch.why, items: batch.found.map(recordView) };

/** One message of the queue as the list shows it: the failed batch's function, shard, range and records. */
export const batchView = (message: QueuedMessage, failure: StreamFailureRecord, batch: BatchRecords) => ({
  messageId: message.messageId,
  function: functionNameOf(failure.requestContext.functionArn),
  functionArn: failure.requestContext.functionArn,
  condition: failure.requestContext.condition,
  functionError: failure.responseContext.functionError ?? null,
  invokeCount: failure.requestContext.approximateInvokeCount,
  failedAt: failure.timestamp,
  streamArn: failure.DDBStreamBatchInfo.streamArn,
  shardId: failure.DDBStreamBatchInfo.shardId,
  startSequenceNumber: failure.DDBStreamBatchInfo.startSequenceNumber,
  endSequenceNumber: failure.DDBStreamBatchInfo.endSequenceNumber,
  batchSize: failure.DDBStreamBatchInfo.batchSize,
  firstRecordAt: failure.DDBStreamBatchInfo.approximateArrivalOfFirstRecord,
  lastRecordAt: failure.DDBStreamBatchInfo.approximateArrivalOfLastRecord,
  records: recordsView(batch),
});

export const readBatch = (ports: DeadLetterPorts, failure: StreamFailureRecord): Promise<BatchRecords> =>
  ports.records.batch(failure.DDBStreamBatchInfo.streamArn, failure.DDBStreamBatchInfo.shardId, failure.DDBStreamBatchInfo.startSequenceNumber, failure.DDBStreamBatchInfo.endSequenceNumber);

/** How much of a message that is not an invocation record is shown. */
const unreadableShown = 500;

/**
 * What the stream dead-letter queue holds, without consuming it: up to `max` messages peeked (visibility 0, so they
 * stay in the queue and the alarm stays raised), each with its batch read back from the stream while retained.
 */
export const listDeadLetters = async (ports: DeadLetterPorts, max: number) => {
  const [messages, approximateCount] = await Promise.all([ports.queue.peek(max), ports.queue.approximateCount()]);
  const items = [];
  const unreadable = [];
  for (const message of messages) {
    const failure = parseStreamFailureRecord(message.body);
    if (failure === undefined) unreadable.push({ messageId: message.messageId, body: (message.body ?? '').slice(0, unreadableShown) });
    else items.push(batchView(message, failure, await readBatch(ports, failure)));
  }
  return { approximateCount: Math.max(approximateCount, messages.length), items, unreadable };
};
