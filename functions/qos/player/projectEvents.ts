import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { foldGated, groupBy, type FoldReport, type GatedFold } from '../../../adapters/streams';
import { mergeSessionEvents, summarizeSession, type PlayerEvent, type SessionQoe } from '../../../domain/qos';
import type { PlayerTables } from './config';
import { loadPlaybackSessions, playbackSessionItem, type PlaybackSession } from './playerStore';

export interface PlaybackOptions {
  readonly bucketMinutes: number;
  readonly retentionDays: number;
}

/**
 * Player events folded into per-session records (events merged by seq, QoE summary recomputed), each written
 * conditionally on its version: two shards' projectors merging one session at once both land.
 */
export const playbackProjection = (client: DynamoDBDocumentClient, tables: PlayerTables, options: PlaybackOptions): GatedFold<PlayerEvent, PlaybackSession> => ({
  db: client,
  table: tables.sessions,
  load: (sids) => loadPlaybackSessions(client, tables, sids),
  fold: async (sid, current, received) => {
    const merged = mergeSessionEvents(current?.record.events, received);
    return merged === undefined ? undefined : { record: { sid, events: merged }, version: (current?.version ?? 0) + 1 };
  },
  toItem: (next) => playbackSessionItem(options.bucketMinutes, options.retentionDays)(next.record, next.version),
});

/**
 * The QoE summaries of the sessions a fold covered, written or already up to date: alert evaluation looks at
 * both, so a retried batch whose sessions were folded by the failed attempt is still evaluated.
 */
export const summariesOf = (report: FoldReport<PlaybackSession>): SessionQoe[] =>
  [...report.written.values(), ...report.unchanged.values()].flatMap((stored) => (stored === undefined ? [] : (summarizeSession(stored.record.events) ?? [])));


/** Folds player events into their sessions; returns the summaries of the sessions that changed. Throws the first failure. */
export const projectPlayerEvents = async (client: DynamoDBDocumentClient, tables: PlayerTables, options: PlaybackOptions, events: readonly PlayerEvent[]): Promise<SessionQoe[]> => {
  const report = await foldGated(playbackProjection(client, tables, options), groupBy(events, (e) => e.sid));
  const [failure] = report.failed.values();
  if (report.failed.size > 0) throw failure;
  return [...report.written.values()].flatMap((stored) => summarizeSession(stored.record.events) ?? []);
};
