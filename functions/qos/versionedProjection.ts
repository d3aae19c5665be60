import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Versioned<R> {
  readonly record: R;
  /** 0: not stored yet (or stored before records carried versions). */
  readonly version: number;
}

export interface VersionedProjection<F, R> {
  readonly client: DynamoDBDocumentClient;
  readonly table: string;
  /** Loads the current records of these ids (absent ids are new). */
  load(ids: readonly string[]): Promise<Map<string, Versioned<R>>>;
  /** Folds facts into a record; undefined when nothing changed (a duplicate costs no write). */
  fold(current: R | undefined, facts: readonly F[]): R | undefined;
  /** The stored item of a record, version included. */
  toItem(record: R, version: number): Record<string, unknown>;
}

export class ProjectionContentionError extends Error {
  constructor(ids: readonly string[]) {
    super(`records ${ids.slice(0, 5).join(', ')} kept changing under this projector; the batch is retried`);
    this.name = 'ProjectionContentionError';
  }
}

// TransactWriteItems takes at most 100 items and 4 MB; fewer, larger transactions cost DynamoDB less per item.
const maxTransactionItems = 100;
const maxTransactionBytes = 3_500_000;

/** Groups writes into transactions under both limits (sizes estimated from the items' JSON). */
const transactions = <T extends { item: Record<string, unknown> }>(writes: readonly T[]): T[][] => {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const write of writes) {
    const size = JSON.stringify(write.item).length;
    if (current.length === maxTransactionItems || (current.length > 0 && bytes + size > maxTransactionBytes)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(write);
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
};
const maxRounds = 8;

const isCancelled = (error: unknown): boolean => error instanceof Error && (error.name === 'TransactionCanceledException' || error.name === 'TransactionConflictException');

/**
 * Writes what a batch of facts changes, each record conditional on the version it was folded from. On AWS a
 * table's stream has several shards, and two projector invocations can fold the same record at once: the later
 * write then fails its condition, and its records are reloaded and folded again (the folds are joins, so folding
 * the same facts into the newer record is right). Writes go up to 100 to a transaction: few requests, each item conditional.
 * Returns the records written.
 */
export const projectVersioned = async <F, R>(projection: VersionedProjection<F, R>, factsById: ReadonlyMap<string, readonly F[]>): Promise<Map<string, R>> => {
  const written = new Map<string, R>();
  let pending = [...factsById.keys()];
  for (let round = 0; pending.length > 0; round += 1) {
    if (round >= maxRounds) throw new ProjectionContentionError(pending);
    const current = await projection.load(pending);
    const writes = pending.flatMap((id) => {
      const stored = current.get(id);
      const next = projection.fold(stored?.record, factsById.get(id) ?? []);
      const version = stored?.version ?? 0;
      return next === undefined ? [] : [{ id, next, version, item: projection.toItem(next, version + 1) }];
    });
    const retry: string[] = [];
    await Promise.all(
      transactions(writes).map(async (chunk) => {
        try {
          await projection.client.send(
            new TransactWriteCommand({
              TransactItems: chunk.map(({ item, version }) => ({
                Put: {
                  TableName: projection.table,
                  Item: item,
                  ConditionExpression: version === 0 ? 'attribute_not_exists(#version)' : '#version = :version',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ...(version === 0 ? {} : { ExpressionAttributeValues: { ':version': version } }),
                },
              })),
            }),
          );
          for (const { id, next } of chunk) written.set(id, next);
        } catch (error) {
          // A cancelled transaction wrote nothing: every record of it is folded again from a fresh read.
          if (!isCancelled(error)) throw error;
          retry.push(...chunk.map((w) => w.id));
        }
      }),
    );
    pending = retry;
  }
  return written;
};
