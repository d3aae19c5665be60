import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Stored } from '../../../adapters/streams';
import { bucketStartOf, dimensionBucketKey, playerEventSchema, summarizeSession, type PlayerEvent, type SessionQoe } from '../../../domain/qos';
import { batchGet } from '../sessions/batches';
import type { PlayerTables } from './config';

export type Dimension = 'show' | 'country' | 'cdn';

/** The GSI and attribute each dimension's metrics are read by. */
export const dimensionIndex: Record<Dimension, { readonly index: string; readonly attribute: string; readonly of: (s: SessionQoe) => string | undefined }> = {
  show: { index: 'byShowBucket', attribute: 'showBucket', of: (s) => s.cid },
  country: { index: 'byCountryBucket', attribute: 'countryBucket', of: (s) => s.country },
  cdn: { index: 'byCdnBucket', attribute: 'cdnBucket', of: (s) => s.cdn },
};

/** A playback session as stored: its events (the summary's input, refolded when late events arrive). */
export interface PlaybackSession {
  readonly sid: string;
  readonly events: readonly PlayerEvent[];
}

const logItemSchema = z.object({ batchId: z.string(), events: z.string() });

/**
 * Appends the accepted player events of one request as one log item (one write for the whole batch); the
 * log's stream feeds the projector. The item expires after the retention period.
 */
export const appendPlayerEvents = async (
  client: DynamoDBDocumentClient,
  tables: PlayerTables,
  entry: { batchId: string; receivedAt: string; events: readonly PlayerEvent[]; retentionDays: number },
) => {
  const expiresAt = Math.floor(Date.parse(entry.receivedAt) / 1000) + entry.retentionDays * 86_400;
  await client.send(new PutCommand({ TableName: tables.log, Item: { batchId: entry.batchId, receivedAt: entry.receivedAt, events: JSON.stringify(entry.events), expiresAt } }));
};

export const eventsOfLogItem = (item: unknown): PlayerEvent[] => z.array(playerEventSchema).parse(JSON.parse(logItemSchema.parse(item).events));

const sessionItemSchema = z.object({ sid: z.string(), version: z.number().int().min(0).default(0), events: z.string() });

export const loadPlaybackSessions = async (client: DynamoDBDocumentClient, tables: PlayerTables, sids: readonly string[]): Promise<Map<string, Stored<PlaybackSession>>> => {
  const items = await batchGet(client, tables.sessions, sids.map((sid) => ({ sid, sk: 'summary' })));
  return new Map(
    items.map((item) => {
      const stored = sessionItemSchema.parse(item);
      return [stored.sid, { record: { sid: stored.sid, events: z.array(playerEventSchema).parse(JSON.parse(stored.events)) }, version: stored.version }];
    }),
  );
};

/**
 * The stored item of a session: its events, its QoE summary (`qoe`, all the metric indexes copy) and one
 * "<value>#<bucket>" key per dimension it has (unambiguous whatever the value holds: domain/qos/dimensionKeys.ts),
 * so each dimension's bucket is one Query.
 */
export const playbackSessionItem = (bucketMinutes: number, retentionDays: number) => (session: PlaybackSession, version: number) => {
  const qoe = summarizeSession(session.events);
  const bucket = qoe === undefined ? undefined : bucketStartOf(qoe.attemptedAt, bucketMinutes);
  const keys = Object.fromEntries(
    Object.values(dimensionIndex).flatMap(({ attribute, of }) => {
      const value = qoe === undefined ? undefined : of(qoe);
      return value === undefined || bucket === undefined ? [] : [[attribute, dimensionBucketKey(value, bucket)]];
    }),
  );
  const lastTs = session.events.reduce((latest, e) => (e.ts > latest ? e.ts : latest), '');
  return {
    sid: session.sid,
    sk: 'summary',
    version,
    events: JSON.stringify(session.events),
    ...(qoe === undefined ? {} : { qoe }),
    ...keys,
    expiresAt: Math.floor((Date.parse(lastTs) || 0) / 1000) + retentionDays * 86_400,
  };
};

export const qoeSchema = z.object({
  sid: z.string(),
  cid: z.string(),
  cdn: z.string().optional(),
  country: z.string().optional(),
  attemptedAt: z.string(),
  firstFrameAt: z.string().optional(),
  endedAt: z.string().optional(),
  videoStartTimeMs: z.number().optional(),
  playMs: z.number(),
  stallMs: z.number(),
  bitrateKbpsMs: z.number(),
  exitedBeforeStart: z.boolean(),
  startFailed: z.boolean(),
  playbackFailed: z.boolean(),
});

/** The QoE summaries of the sessions attempted in one dimension value's bucket: one paginated Query, no Scan. */
export const summariesIn = async (client: DynamoDBDocumentClient, tables: PlayerTables, dimension: Dimension, value: string, bucket: string): Promise<SessionQoe[]> => {
  const { index, attribute } = dimensionIndex[dimension];
  const summaries: SessionQoe[] = [];
  let key: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tables.sessions,
        IndexName: index,
        KeyConditionExpression: '#key = :key',
        ExpressionAttributeNames: { '#key': attribute },
        ExpressionAttributeValues: { ':key': dimensionBucketKey(value, bucket) },
        ...(key === undefined ? {} : { ExclusiveStartKey: key }),
      }),
    );
    summaries.push(...(page.Items ?? []).map((item) => qoeSchema.parse(item.qoe)));
    key = page.LastEvaluatedKey;
  } while (key !== undefined);
  return summaries;
};
