import { BatchWriteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { isConditionFailed } from '../conditionFailed';
import type { EventStore } from '../eventstore';
import { entryKey } from './catalogItem';

/**
 * How long after a generation stops being served its items may be deleted: longer than an API container caches
 * the pointer (5 s, functions/catalog/deps.ts) and than a projector invocation that read the old pointer may
 * still be writing (its 60 s timeout). Until then the generation may still be read or written, so it is kept.
 */
export const pruneGraceMs = 120_000;

const pointerKey = (projection: string) => ({ pk: `projection#${projection}` });
const pointerSchema = z.object({
  active: z.number().int().positive(),
  previous: z.number().int().positive().optional(),
  previousSwitchedAt: z.number().optional(),
  prunedBelow: z.number().int().positive().optional(),
});

export interface PruneReport {
  /** Generations whose items were deleted by this call. */
  readonly pruned: number[];
  /** Generations old enough to go but still inside the grace period: the next rebuild deletes them. */
  readonly deferred: number[];
}

const deleteAll = async (db: DynamoDBDocumentClient, table: string, keys: Record<string, unknown>[]): Promise<void> => {
  for (let i = 0; i < keys.length; i += 25) {
    let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string] = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = result.UnprocessedItems?.[table] ?? [];
    }
  }
};

/**
 * After a switch, deletes the entries of every generation older than `previous`: the live generation is never
 * touched, and the one it replaced stays for a rollback (switch `active` back to `previous`). The entries'
 * keys come from the event store's list of Show streams (each stream has at most one entry per generation),
 * so nothing is scanned. Idempotent: `prunedBelow` records what is gone, and an interrupted prune is finished by
 * the next rebuild.
 */
export const pruneOldGenerations = async (
  deps: { readonly db: DynamoDBDocumentClient; readonly catalogTable: string; readonly store: Pick<EventStore, 'listStreams'> },
  projection: string,
  category: string,
  now: number,
): Promise<PruneReport> => {
  const { Item } = await deps.db.send(new GetCommand({ TableName: deps.catalogTable, Key: pointerKey(projection), ConsistentRead: true }));
  if (Item === undefined) return { pruned: [], deferred: [] };
  const pointer = pointerSchema.parse(Item);
  if (pointer.previous === undefined) return { pruned: [], deferred: [] };
  const first = pointer.prunedBelow ?? 1;
  const candidates = Array.from({ length: Math.max(0, pointer.previous - first) }, (_, i) => first + i);
  if (candidates.length === 0) return { pruned: [], deferred: [] };
  // The newest candidate (previous - 1) stopped being served at the switch before this one.
  if (now - (pointer.previousSwitchedAt ?? 0) < pruneGraceMs) return { pruned: [], deferred: candidates };
  const keys: Record<string, unknown>[] = [];
  for await (const { streamId } of deps.store.listStreams(category)) {
    const showId = streamId.slice(streamId.indexOf('#') + 1);
    for (const generation of candidates) keys.push(entryKey(generation, showId));
  }
  await deleteAll(deps.db, deps.catalogTable, keys);
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.catalogTable,
      Key: pointerKey(projection),
      UpdateExpression: 'SET prunedBelow = :below',
      // A newer switch meanwhile has its own prune to do: recording this one must not move its mark back.
      ConditionExpression: 'attribute_not_exists(prunedBelow) OR prunedBelow < :below',
      ExpressionAttributeValues: { ':below': pointer.previous },
    }),
  ).catch((error: unknown) => {
    if (!isConditionFailed(error)) throw error;
  });
  return { pruned: candidates, deferred: [] };
};
