import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Stored } from '../../../adapters/streams';
import { hourBucketOf, isCompleted, startedWindow, type Session, type SessionFact } from '../../../domain/sessions';
import { batchGet } from './batches';

export interface SessionTables {
  readonly log: string;
  readonly sessions: string;
  /** The insight counters the projector moves with each session change (insightStore.ts). */
  readonly insights: string;
}

const factSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), sessionId: z.string(), playerId: z.string(), country: z.string(), ts: z.string() }),
  z.object({ kind: z.literal('end'), sessionId: z.string(), playerId: z.string(), ts: z.string() }),
]);
const logItemSchema = z.object({ batchId: z.string(), facts: z.string() });

const sessionItemSchema = z.object({
  sessionId: z.string(),
  playerId: z.string(),
  country: z.string().optional(),
  startTs: z.string().optional(),
  endTs: z.string().optional(),
  version: z.number().int().min(0).default(0),
});

/**
 * Appends the accepted facts of one request as one log item: the log is the source of truth the session read
 * model is projected from (and can be rebuilt from). Facts ride as one JSON string: one write for up to ten
 * events, and a compact stream record.
 */
export const appendSessionFacts = async (client: DynamoDBDocumentClient, tables: SessionTables, batchId: string, receivedAt: string, facts: readonly SessionFact[]) => {
  await client.send(new PutCommand({ TableName: tables.log, Item: { batchId, receivedAt, facts: JSON.stringify(facts) } }));
};

/** The facts of a log item as it comes back from the table's stream (or a read). */
export const factsOfLogItem = (item: unknown): SessionFact[] => {
  const { facts } = logItemSchema.parse(item);
  return z.array(factSchema).parse(JSON.parse(facts));
};

export const loadSessions = async (client: DynamoDBDocumentClient, tables: SessionTables, ids: readonly string[]): Promise<Map<string, Stored<Session>>> => {
  const items = await batchGet(client, tables.sessions, ids.map((sessionId) => ({ sessionId })));
  return new Map(
    items.map((item) => {
      const { version, ...session } = sessionItemSchema.parse(item);
      return [session.sessionId, { record: session, version }];
    }),
  );
};

/** The stored form: the session, its version (the gate of adapters/streams/gatedFold.ts), the sparse index keys its two read routes query. */
export const sessionItemOf = (session: Session, version: number) => ({
  ...session,
  version,
  completed: isCompleted(session) ? 1 : 0,
  ...(isCompleted(session) ? { completedPlayer: session.playerId } : {}),
  ...(session.startTs !== undefined && session.country !== undefined ? { startedIn: `${session.country}#${hourBucketOf(session.startTs)}` } : {}),
});

/** What the replaced API answered for a session. */
export const sessionView = (session: Session) => ({
  session_id: session.sessionId,
  player_id: session.playerId,
  country: session.country ?? null,
  start_ts: session.startTs ?? null,
  end_ts: session.endTs ?? null,
  completed: isCompleted(session) ? 1 : 0,
});
export type SessionView = ReturnType<typeof sessionView>;

/** The last `limit` completed sessions of a player, newest start first: one Query on the sparse index. */
export const completedSessionsOf = async (client: DynamoDBDocumentClient, tables: SessionTables, playerId: string, limit: number): Promise<SessionView[]> => {
  const result = await client.send(
    new QueryCommand({
      TableName: tables.sessions,
      IndexName: 'completedByPlayer',
      KeyConditionExpression: 'completedPlayer = :player',
      ExpressionAttributeValues: { ':player': playerId },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => sessionView(sessionItemSchema.parse(item)));
};

const cursorSchema = z.object({ bucket: z.number().int().min(0), key: z.record(z.string(), z.unknown()).optional() });
export type StartedCursor = z.infer<typeof cursorSchema>;

export class BadCursorError extends Error {
  constructor() {
    super('the cursor is not one this API gave out');
    this.name = 'BadCursorError';
  }
}

export const encodeCursor = (cursor: StartedCursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');
export const decodeCursor = (text: string): StartedCursor => {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw new BadCursorError();
  }
};

type StartedQuery = { country: string; now: string; hours: number; limit: number; cursor?: StartedCursor };

/** One Query of one hour bucket of the window, from where the last page of it stopped. */
const queryBucket = (client: DynamoDBDocumentClient, tables: SessionTables, query: StartedQuery, window: ReturnType<typeof startedWindow>, page: { bucket: number; key?: Record<string, unknown>; limit: number }) =>
  client.send(
    new QueryCommand({
      TableName: tables.sessions,
      IndexName: 'startedByCountryHour',
      KeyConditionExpression: 'startedIn = :bucket AND startTs BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':bucket': `${query.country}#${window.buckets[page.bucket]}`, ':from': window.from, ':to': window.to },
      ScanIndexForward: false,
      Limit: page.limit,
      ...(page.key === undefined ? {} : { ExclusiveStartKey: page.key }),
    }),
  );

/** A page, with a cursor to where the next one starts unless every bucket of the window was read. */
const pageOf = (items: SessionView[], buckets: number, bucket: number, key: Record<string, unknown> | undefined): { items: SessionView[]; next?: StartedCursor } =>
  bucket < buckets ? { items, next: { bucket, ...(key === undefined ? {} : { key }) } } : { items };

/**
 * Sessions started in a country within the window, newest first, one page of at most `limit`: the hour buckets
 * are queried newest first, each bounded to the window; the cursor says which bucket and where in it to go on.
 */
export const startedSessionsIn = async (client: DynamoDBDocumentClient, tables: SessionTables, query: StartedQuery): Promise<{ items: SessionView[]; next?: StartedCursor }> => {
  const window = startedWindow(query.now, query.hours);
  const items: SessionView[] = [];
  let bucket = query.cursor?.bucket ?? 0;
  let key = query.cursor?.key;
  while (bucket < window.buckets.length && items.length < query.limit) {
    const result = await queryBucket(client, tables, query, window, { bucket, limit: query.limit - items.length, ...(key === undefined ? {} : { key }) });
    items.push(...(result.Items ?? []).map((item) => sessionView(sessionItemSchema.parse(item))));
    key = result.LastEvaluatedKey;
    if (key === undefined) bucket += 1;
  }
  return pageOf(items, window.buckets.length, bucket, key);
};
