import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { readBatchOutcome, type BatchOutcome } from './batchOutcome';
import type { CheckpointStore } from './checkpoints';
import { toLambdaStreamRecord, type LambdaStreamRecord } from './lambdaRecord';

export interface StreamSubscriptionConfig {
  readonly functionName: string;
  readonly tableName: string;
  readonly batchSize: number;
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** -1 retries until the records expire, as Lambda's default does. */
  readonly maximumRetryAttempts: number;
  readonly bisectBatchOnFunctionError: boolean;
  readonly reportBatchItemFailures: boolean;
}

export interface StreamSubscriptionDeps {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly region: string;
  readonly checkpoints: CheckpointStore;
  invoke(functionName: string, event: { Records: LambdaStreamRecord[] }): Promise<unknown>;
  /**
   * Lambda's on-failure destination: the batch that exhausted its retries, with why, its shard, how many times it was
   * invoked and whether the function failed (rather than reporting item failures). Awaited before the shard moves on.
   */
  onFailure(records: readonly LambdaStreamRecord[], reason: string, batch: FailedBatchContext): unknown;
  /** Wait between polls of a shard that had no records (default 250 ms: Lambda polls a DynamoDB stream's shards 4 times a second). */
  readonly pollIntervalMs?: number;
  /** How long a listing of the stream's shards is reused before it is asked for again (default 1 s). */
  readonly shardListMaxAgeMs?: number;
  readonly retryDelayMs?: (attempt: number) => number;
}

export interface FailedBatchContext {
  readonly shardId: string;
  readonly invokeCount: number;
  /** True when the function failed (an error); false when it answered with batch item failures. */
  readonly functionError: boolean;
}

interface ShardCursor {
  iterator: string | undefined;
  started: boolean;
  finished: boolean;
  pending: StreamRecord[];
  attempts: number;
  /** After a function error with bisection on, the next try takes only this many records. */
  takeAtMost: number;
}

const isStaleIterator = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'TrimmedDataAccessException' || error.name === 'ExpiredIteratorException');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls one table's stream and feeds a function in order, per shard, the way Lambda's event source mapping
 * does: a batch is retried until it succeeds (from the first reported failure when the function reports
 * batch item failures), bisected on error when asked, and handed to the on-failure destination once its
 * retries are spent. The position is checkpointed only past records that were handled.
 */
export const startStreamSubscription = (config: StreamSubscriptionConfig, deps: StreamSubscriptionDeps) => {
  const pollIntervalMs = deps.pollIntervalMs ?? 250;
  const shardListMaxAgeMs = deps.shardListMaxAgeMs ?? 1000;
  const retryDelay = deps.retryDelayMs ?? ((attempt: number) => Math.min(1000, 50 * 2 ** attempt));
  const cursors = new Map<string, ShardCursor>();
  let running = true;
  let streamArn: string | undefined;
  let idleWaiters: Array<() => void> = [];
  const checkpointKey = (shardId: string) => `${config.functionName}|${config.tableName}|${shardId}`;

  // Shards change rarely (DynamoDB Local rolls one over every few hours), and Lambda too discovers them on its own
  // schedule: asking on every round put a DescribeStream before each batch, in the path of every record.
  // A shard read to its end is listed again at once: its children are where the records go on.
  let shardList: { shards: Shard[]; at: number; finished: number } | undefined;
  const finishedShards = () => [...cursors.values()].filter((cursor) => cursor.finished).length;
  const currentShards = async (arn: string): Promise<Shard[]> => {
    const stale = shardList === undefined || shardList.finished !== finishedShards() || Date.now() - shardList.at > shardListMaxAgeMs;
    if (stale) shardList = { shards: await listShards(arn), at: Date.now(), finished: finishedShards() };
    return shardList?.shards ?? [];
  };

  const listShards = async (arn: string): Promise<Shard[]> => {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const page = await deps.streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }));
      shards.push(...(page.StreamDescription?.Shards ?? []));
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start !== undefined);
    return shards;
  };

  const openIterator = async (arn: string, shardId: string): Promise<string | undefined> => {
    const after = deps.checkpoints.get(checkpointKey(shardId));
    if (after !== undefined) {
      try {
        const out = await deps.streams.send(
          new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }),
        );
        return out.ShardIterator;
      } catch {
        // The checkpointed record has been trimmed (older than the retention): start from what remains.
      }
    }
    const type = after === undefined ? config.startingPosition : 'TRIM_HORIZON';
    const out = await deps.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: type }));
    return out.ShardIterator;
  };

  /** False when the shard's iterator had to be reopened: try again on the next round. */
  const fill = async (cursor: ShardCursor, arn: string, shardId: string): Promise<boolean> => {
    if (!cursor.started) {
      cursor.iterator = await openIterator(arn, shardId);
      cursor.started = true;
    }
    while (cursor.pending.length < config.batchSize && cursor.iterator !== undefined) {
      let page;
      try {
        page = await deps.streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: config.batchSize - cursor.pending.length }));
      } catch (error) {
        if (!isStaleIterator(error)) throw error;
        // Iterators expire (15 min on AWS), and DynamoDB Local refuses one taken on an empty shard once records
        // arrive. Reopen from the checkpoint: records read but not yet handled are read again, none skipped.
        Object.assign(cursor, { iterator: undefined, started: false, pending: [] });
        return false;
      }
      cursor.iterator = page.NextShardIterator ?? undefined;
      const records = page.Records ?? [];
      cursor.pending.push(...records);
      if (records.length === 0) break;
    }
    return true;
  };

  const acknowledge = (cursor: ShardCursor, shardId: string, count: number): void => {
    const last = cursor.pending[count - 1]?.dynamodb?.SequenceNumber;
    cursor.pending.splice(0, count);
    if (last !== undefined) deps.checkpoints.set(checkpointKey(shardId), last);
  };

  const invokeBatch = async (arn: string, batch: readonly StreamRecord[]): Promise<BatchOutcome> => {
    const records = batch.map((r) => toLambdaStreamRecord(r, arn, deps.region));
    const sequenceNumbers = batch.map((r) => r.dynamodb?.SequenceNumber ?? '');
    try {
      return readBatchOutcome(await deps.invoke(config.functionName, { Records: records }), sequenceNumbers, config.reportBatchItemFailures);
    } catch (error) {
      return { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
  };

  /** Handles one batch of the shard; false when there was nothing to do. */
  const step = async (arn: string, shard: Shard, cursor: ShardCursor): Promise<boolean> => {
    const shardId = shard.ShardId ?? '';
    if (!(await fill(cursor, arn, shardId))) return false;
    if (cursor.pending.length === 0) {
      if (cursor.iterator === undefined) cursor.finished = true;
      return false;
    }
    const batch = cursor.pending.slice(0, Math.min(config.batchSize, cursor.takeAtMost));
    const outcome = await invokeBatch(arn, batch);
    if (outcome.kind === 'done') {
      acknowledge(cursor, shardId, batch.length);
      cursor.attempts = 0;
      cursor.takeAtMost = config.batchSize;
      return true;
    }
    await retryOrGiveUp(arn, shardId, cursor, batch, outcome);
    return true;
  };

  // A failed batch: what succeeded before a reported failure is acknowledged, the rest retried (halved when bisecting)
  // until the retry attempts are spent, then handed to the on-failure destination.
  const retryOrGiveUp = async (arn: string, shardId: string, cursor: ShardCursor, batch: readonly StreamRecord[], outcome: BatchOutcome): Promise<void> => {
    if (outcome.kind === 'retryFrom' && outcome.index > 0) {
      acknowledge(cursor, shardId, outcome.index);
      cursor.attempts = 0;
    }
    cursor.attempts += 1;
    if (outcome.kind === 'failed' && config.bisectBatchOnFunctionError && batch.length > 1) {
      cursor.takeAtMost = Math.ceil(batch.length / 2);
    }
    const spent = config.maximumRetryAttempts >= 0 && cursor.attempts > config.maximumRetryAttempts;
    if (spent) await giveUp(arn, shardId, cursor, outcome.kind === 'retryFrom' ? batch.length - outcome.index : batch.length, outcome);
    else await sleep(retryDelay(cursor.attempts));
  };

  const giveUp = async (arn: string, shardId: string, cursor: ShardCursor, failedCount: number, outcome: BatchOutcome): Promise<void> => {
    const reason = outcome.kind === 'failed' ? outcome.error : 'batch item failures reported';
    const records = cursor.pending.slice(0, failedCount).map((r) => toLambdaStreamRecord(r, arn, deps.region));
    await deps.onFailure(records, reason, { shardId, invokeCount: cursor.attempts, functionError: outcome.kind === 'failed' });
    acknowledge(cursor, shardId, failedCount);
    cursor.attempts = 0;
    cursor.takeAtMost = config.batchSize;
  };

  // Looked up once: the table's stream ARN stays the same while the table lives.
  const tableStreamArn = async (): Promise<string> => {
    if (streamArn === undefined) {
      const table = await deps.dynamodb.send(new DescribeTableCommand({ TableName: config.tableName }));
      streamArn = table.Table?.LatestStreamArn;
      if (streamArn === undefined) throw new Error(`table ${config.tableName} has no stream: enable StreamSpecification in serverless.yml`);
    }
    return streamArn;
  };

  const round = async (): Promise<boolean> => {
    const arn = await tableStreamArn();
    let busy = false;
    const shards = await currentShards(arn);
    const finished = (id: string | undefined) => id === undefined || cursors.get(id)?.finished === true || !shards.some((s) => s.ShardId === id);
    for (const shard of shards) {
      const id = shard.ShardId;
      if (id === undefined || !finished(shard.ParentShardId)) continue;
      const cursor = cursors.get(id) ?? { iterator: undefined, started: false, finished: false, pending: [], attempts: 0, takeAtMost: config.batchSize };
      cursors.set(id, cursor);
      while (running && !cursor.finished && (await step(arn, shard, cursor))) busy = true;
    }
    return busy;
  };

  const loop = (async () => {
    while (running) {
      let busy = false;
      try {
        busy = await round();
      } catch (error) {
        if (running) console.error(`[streams] ${config.tableName} -> ${config.functionName}: ${String(error)}`);
      }
      if (!busy) {
        const waiters = idleWaiters;
        idleWaiters = [];
        waiters.forEach((w) => w());
        await sleep(pollIntervalMs);
      }
    }
  })();

  return {
    /** Resolves after the next round that found nothing left to deliver. */
    idle: () => new Promise<void>((resolve) => idleWaiters.push(resolve)),
    stop: async () => {
      running = false;
      await loop;
    },
  };
};

export type StreamSubscription = ReturnType<typeof startStreamSubscription>;
