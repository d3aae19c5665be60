import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mergeSessionEvents, summarizeSession, type PlayerEvent, type SessionQoe } from '../../../domain/qos';
import { projectVersioned } from '../versionedProjection';
import type { PlayerTables } from './config';
import { loadPlaybackSessions, playbackSessionItem, type PlaybackSession } from './playerStore';

const groupBySession = (events: readonly PlayerEvent[]): Map<string, PlayerEvent[]> => {
  const groups = new Map<string, PlayerEvent[]>();
  for (const event of events) groups.set(event.sid, [...(groups.get(event.sid) ?? []), event]);
  return groups;
};

/**
 * Folds player events into per-session records (events merged by seq, QoE summary recomputed), each written
 * conditionally on its version. Returns the summaries of the sessions that changed, for alert evaluation.
 */
export const projectPlayerEvents = async (
  client: DynamoDBDocumentClient,
  tables: PlayerTables,
  options: { bucketMinutes: number; retentionDays: number },
  events: readonly PlayerEvent[],
): Promise<SessionQoe[]> => {
  const written = await projectVersioned<PlayerEvent, PlaybackSession>(
    {
      client,
      table: tables.sessions,
      load: (sids) => loadPlaybackSessions(client, tables, sids),
      fold: (current, received) => {
        const merged = mergeSessionEvents(current?.events, received);
        const sid = received[0]?.sid;
        return merged === undefined || sid === undefined ? undefined : { sid, events: merged };
      },
      toItem: playbackSessionItem(options.bucketMinutes, options.retentionDays),
    },
    groupBySession(events),
  );
  return [...written.values()].flatMap((session) => summarizeSession(session.events) ?? []);
};
