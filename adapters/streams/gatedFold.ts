import { PutCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed } from '../conditionFailed';
import { maxTransactionItems, writeChunks } from './writeChunks';

/** One item of a TransactWriteItems (an Update, a ConditionCheck...). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A record's change as the gate writes it: what was stored (undefined: nothing) and what replaces it. */
export interface RecordChange<R> {
  readonly previous: Stored<R> | undefined;
  readonly next: Stored<R>;
}

/** A read-model record with the version its gate compares: 0 = not stored yet. */
export interface Stored<R> {
  readonly record: R;
  readonly version: number;
}

/**
 * A projection behind a version gate: every write is a Put conditional on the version the record was folded from,
 * so two writers folding one record at once cannot lose each other's facts (the later write fails its condition,
 * reloads and folds again).
 */
export interface GatedFold<In, R> {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
  /** The stored records of these keys (absent keys are new). `round` 0 may answer from a cache; later rounds must read. */
  load(keys: readonly string[], round: number): Promise<ReadonlyMap<string, Stored<R>>>;
  /** The record with `incoming` folded in, at the version it is stored at; undefined when nothing changes (a duplicate). */
  fold(key: string, current: Stored<R> | undefined, incoming: readonly In[]): Promise<Stored<R> | undefined>;
  /** The stored item of a record; it carries `version` (the attribute the gate compares). */
  toItem(next: Stored<R>): Record<string, unknown>;
  /** Told after each write that landed or lost its race (a cache follows them). */
  written?(key: string, next: Stored<R> | undefined): void;
  /**
   * Further items of the transaction that writes these changes (counters kept beside the records): they commit only
   * with the records' gated Puts, so a write that loses its race changes none of them, and a duplicate that folds to
   * nothing writes none. A projection with companions writes its transactions one after another (they share hot
   * items, and two transactions on one item at once would cancel each other).
   */
  companions?(changes: readonly RecordChange<R>[]): readonly TransactItem[];
  /** Rounds of reload-and-fold before a key still losing its race fails (default 8). */
  readonly maxRounds?: number;
}

export interface FoldReport<R> {
  readonly written: ReadonlyMap<string, Stored<R>>;
  /** Keys whose incoming was already folded in, with what is stored. */
  readonly unchanged: ReadonlyMap<string, Stored<R> | undefined>;
  /** Keys left unfolded, with why; the others are unaffected. */
  readonly failed: ReadonlyMap<string, unknown>;
}

export class ProjectionContentionError extends Error {
  constructor(key: string) {
    super(`record ${key} kept changing under this projector; its records are retried`);
    this.name = 'ProjectionContentionError';
  }
}

interface Write<R> extends RecordChange<R> {
  readonly key: string;
  readonly from: number;
  readonly item: Record<string, unknown>;
}

const gate = (from: number) =>
  from === 0
    ? { ConditionExpression: 'attribute_not_exists(#version)', ExpressionAttributeNames: { '#version': 'version' } }
    : { ConditionExpression: '#version = :from', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':from': from } };

const isCancelled = (error: unknown) => error instanceof Error && (error.name === 'TransactionCanceledException' || error.name === 'TransactionConflictException');

type ChunkOutcome = { lost: string[]; error?: unknown };

const sendChunk = async <R>(projection: GatedFold<unknown, R>, chunk: readonly Write<R>[], companions: readonly TransactItem[]): Promise<ChunkOutcome> => {
  try {
    const [only] = chunk;
    if (chunk.length === 1 && only !== undefined && companions.length === 0) await projection.db.send(new PutCommand({ TableName: projection.table, Item: only.item, ...gate(only.from) }));
    else await projection.db.send(new TransactWriteCommand({ TransactItems: [...chunk.map((w) => ({ Put: { TableName: projection.table, Item: w.item, ...gate(w.from) } })), ...companions] }));
    return { lost: [] };
  } catch (error) {
    return isConditionFailed(error) || isCancelled(error) ? { lost: chunk.map((w) => w.key) } : { lost: [], error };
  }
};

/**
 * Writes a chunk: one record without companions is one conditional Put; otherwise one TransactWriteItems of the
 * conditional Puts and their companions (a cancelled one wrote nothing), halved until it fits the item limit.
 * Answers which keys lost a race (to fold again) and which failed.
 */
const writeChunk = async <R>(projection: GatedFold<unknown, R>, chunk: readonly Write<R>[]): Promise<[readonly Write<R>[], ChunkOutcome][]> => {
  const companions = projection.companions?.(chunk) ?? [];
  if (chunk.length < 2 || chunk.length + companions.length <= maxTransactionItems) return [[chunk, await sendChunk(projection, chunk, companions)]];
  const half = Math.ceil(chunk.length / 2);
  return [...(await writeChunk(projection, chunk.slice(0, half))), ...(await writeChunk(projection, chunk.slice(half)))];
};

/** Runs the chunks side by side, or one after another for a projection whose companions share items. */
const eachChunk = async <T>(chunks: readonly T[], sequential: boolean, write: (chunk: T) => Promise<void>) => {
  if (!sequential) {
    await Promise.all(chunks.map(write));
    return;
  }
  for (const chunk of chunks) await write(chunk);
};

/** Folds each key's pending input into its record; a fold that throws fails that key alone. */
const foldRound = async <In, R>(projection: GatedFold<In, R>, incoming: ReadonlyMap<string, readonly In[]>, pending: readonly string[], round: number, report: MutableReport<R>) => {
  const current = await projection.load(pending, round);
  const writes: Write<R>[] = [];
  await Promise.all(
    pending.map(async (key) => {
      const stored = current.get(key);
      try {
        const next = await projection.fold(key, stored, incoming.get(key) ?? []);
        if (next === undefined) report.unchanged.set(key, stored);
        else writes.push({ key, previous: stored, next, from: stored?.version ?? 0, item: projection.toItem(next) });
      } catch (error) {
        report.failed.set(key, error);
      }
    }),
  );
  return writes;
};

type MutableReport<R> = { written: Map<string, Stored<R>>; unchanged: Map<string, Stored<R> | undefined>; failed: Map<string, unknown> };

/**
 * Folds each key's input into its record behind the version gate, all keys side by side. A key whose write lost
 * its race is reloaded and folded again (a later round); a key that fails is reported and holds back no other.
 *
 * @example
 * const report = await foldGated(sessionsProjection, new Map([['s1', [fact]]]));
 */
export const foldGated = async <In, R>(projection: GatedFold<In, R>, incoming: ReadonlyMap<string, readonly In[]>): Promise<FoldReport<R>> => {
  const report: MutableReport<R> = { written: new Map(), unchanged: new Map(), failed: new Map() };
  const maxRounds = projection.maxRounds ?? 8;
  let pending = [...incoming.keys()];
  for (let round = 0; pending.length > 0; round += 1) {
    if (round >= maxRounds) {
      for (const key of pending) report.failed.set(key, new ProjectionContentionError(key));
      break;
    }
    const writes = await foldRound(projection, incoming, pending, round, report);
    const lost: string[] = [];
    await eachChunk(writeChunks(writes), projection.companions !== undefined, async (chunk) => {
      for (const [part, outcome] of await writeChunk(projection as GatedFold<unknown, R>, chunk)) {
        for (const w of part) {
          const isLost = outcome.lost.includes(w.key);
          if (outcome.error !== undefined) report.failed.set(w.key, outcome.error);
          else if (!isLost) report.written.set(w.key, w.next);
          if (isLost) lost.push(w.key);
          projection.written?.(w.key, outcome.error === undefined && !isLost ? w.next : undefined);
        }
      }
    });
    pending = lost;
  }
  return report;
};
