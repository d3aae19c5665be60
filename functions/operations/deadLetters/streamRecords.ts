import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';

/** A stream record as Lambda hands it to a DynamoDB stream consumer (epoch seconds, attribute-value JSON). */
export interface LambdaStreamRecord {
  readonly eventID?: string;
  readonly eventName?: string;
  readonly eventVersion: string;
  readonly eventSource: 'aws:dynamodb';
  readonly awsRegion: string;
  readonly eventSourceARN: string;
  readonly dynamodb: Record<string, unknown> & { readonly SequenceNumber?: string; readonly Keys?: Record<string, unknown> };
}

/** The batch read back: its records when the stream still holds all of them, otherwise why not. */
export type BatchRecords = { readonly retained: true; readonly records: readonly LambdaStreamRecord[] } | { readonly retained: false; readonly why: string; readonly found: readonly LambdaStreamRecord[] };

export interface StreamRecordsPort {
  batch(streamArn: string, shardId: string, startSequenceNumber: string, endSequenceNumber: string): Promise<BatchRecords>;
}

const regionOf = (streamArn: string): string => streamArn.split(':')[3] ?? '';

const toLambdaRecord = (record: StreamRecord, streamArn: string): LambdaStreamRecord => ({
  eventID: record.eventID,
  eventName: record.eventName,
  eventVersion: record.eventVersion ?? '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: regionOf(streamArn),
  eventSourceARN: streamArn,
  dynamodb: {
    ...record.dynamodb,
    ApproximateCreationDateTime:
      record.dynamodb?.ApproximateCreationDateTime instanceof Date ? Math.floor(record.dynamodb.ApproximateCreationDateTime.getTime() / 1000) : record.dynamodb?.ApproximateCreationDateTime,
  },
});

const trimmed = (error: unknown): boolean => error instanceof Error && ['TrimmedDataAccessException', 'ResourceNotFoundException'].includes(error.name);

/** Pages of GetRecords a read may take: a batch is at most 10,000 records, a page up to 1,000. */
const maxPages = 20;

const openAt = async (streams: DynamoDBStreamsClient, streamArn: string, shardId: string, start: string): Promise<string | undefined | Error> => {
  try {
    const out = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: start }));
    return out.ShardIterator;
  } catch (error) {
    if (trimmed(error)) return error as Error;
    throw error;
  }
};

/** Records from the iterator up to and including `end`; `reachedEnd` false when the shard ran out first. */
const readUpTo = async (streams: DynamoDBStreamsClient, streamArn: string, first: string | undefined, end: bigint) => {
  const found: LambdaStreamRecord[] = [];
  let iterator = first;
  for (let page = 0; iterator !== undefined && page < maxPages; page += 1) {
    const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    const records = out.Records ?? [];
    const upToEnd = records.filter((record) => BigInt(record.dynamodb?.SequenceNumber ?? '0') <= end);
    found.push(...upToEnd.map((record) => toLambdaRecord(record, streamArn)));
    if (upToEnd.length < records.length || BigInt(found.at(-1)?.dynamodb.SequenceNumber ?? '-1') === end) return { found, reachedEnd: true };
    iterator = out.NextShardIterator;
    if (records.length === 0 && found.length > 0) break;
  }
  return { found, reachedEnd: false };
};

/**
 * Reads a failed batch back from its shard: GetShardIterator AT_SEQUENCE_NUMBER its first record, then GetRecords up to
 * its last. The stream keeps records 24 hours; a batch whose first record is gone (or whose shard no longer exists) is
 * reported as not retained, with what was found, so nothing is silently dropped.
 */
export const dynamoDbStreamRecords = (streams: DynamoDBStreamsClient): StreamRecordsPort => ({
  batch: async (streamArn, shardId, start, end) => {
    const iterator = await openAt(streams, streamArn, shardId, start);
    if (iterator instanceof Error) return { retained: false, why: `the stream no longer holds record ${start} (DynamoDB keeps stream records 24 hours): ${iterator.message}`, found: [] };
    const { found, reachedEnd } = await readUpTo(streams, streamArn, iterator, BigInt(end));
    if (found[0]?.dynamodb.SequenceNumber !== start) return { retained: false, why: `record ${start} is no longer in the stream`, found };
    return reachedEnd ? { retained: true, records: found } : { retained: false, why: `the stream ends before record ${end}, the batch's last`, found };
  },
});
