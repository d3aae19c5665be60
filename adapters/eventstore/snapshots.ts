import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { isConditionFailed } from '../conditionFailed';

/** A command's place in a stream, remembered in snapshots so a late retry is still recognised. */
export interface CommandSpan {
  readonly commandId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
}

export interface Snapshot<TState> {
  readonly streamId: string;
  /** The last event folded into `state`. */
  readonly version: number;
  readonly stateVersion: string;
  readonly state: TState;
  /** The most recent commands up to `version`, oldest first (bounded by the policy). */
  readonly recentCommands: readonly CommandSpan[];
}

export interface SnapshotPolicy<TState> {
  /** The state comes back through it: a snapshot whose state does not parse is ignored, never trusted. */
  readonly stateSchema: z.ZodType<TState>;
  /** Change it whenever evolve or the state's shape changes: snapshots of any other version are ignored. */
  readonly stateVersion: string;
  /** Take a new snapshot once this many events have been appended after the last one. */
  readonly every: number;
  /** Commands a snapshot remembers for idempotency (default 100): the guaranteed retry window. */
  readonly rememberCommands?: number;
}

export const defaultRememberedCommands = 100;

const snapshotItemSchema = z.object({
  streamId: z.string().min(1),
  version: z.number().int().positive(),
  stateVersion: z.string(),
  // JSON text rather than a DynamoDB map: numbers, empty strings and nesting come back exactly as written.
  state: z.string(),
  recentCommands: z.array(z.object({ commandId: z.string().min(1), fromVersion: z.number().int(), toVersion: z.number().int() })),
});

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * The stream's snapshot if it is usable by this code. A snapshot is only a cache of what the events say, so
 * one of another state version, or one that does not parse, is ignored and the stream is folded from the start.
 */
export const readSnapshot = async <TState>(
  db: DynamoDBDocumentClient,
  table: string,
  streamId: string,
  policy: SnapshotPolicy<TState>,
): Promise<Snapshot<TState> | undefined> => {
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: { streamId }, ConsistentRead: true }));
  const item = snapshotItemSchema.safeParse(Item);
  if (!item.success || item.data.stateVersion !== policy.stateVersion) return undefined;
  const state = policy.stateSchema.safeParse(parseJson(item.data.state));
  if (!state.success) return undefined;
  return { ...item.data, state: state.data };
};

/**
 * Saves a snapshot unless a newer one of the same state version is already there (concurrent handlers may
 * snapshot out of order; a snapshot never moves backwards).
 */
export const saveSnapshot = async <TState>(db: DynamoDBDocumentClient, table: string, snapshot: Snapshot<TState>): Promise<void> => {
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { ...snapshot, state: JSON.stringify(snapshot.state) },
        ConditionExpression: 'attribute_not_exists(streamId) OR version < :v OR stateVersion <> :sv',
        ExpressionAttributeValues: { ':v': snapshot.version, ':sv': snapshot.stateVersion },
      }),
    );
  } catch (error) {
    if (isConditionFailed(error)) return;
    throw error;
  }
};
