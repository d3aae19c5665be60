import type { PlayerEvent } from './playerEvent';

/**
 * A session keeps at most this many events: a two-hour film with a heartbeat every 5 s sends ~1,500, and the
 * stored record must stay well under DynamoDB's 400 KB item limit.
 */
export const maxEventsPerSession = 2_000;

/**
 * Adds newly received events to a session's stored ones. A `seq` already stored keeps its first event, so a
 * resent (or conflicting) event changes nothing whatever the order; undefined when nothing is new, so a
 * duplicate costs no write. Past the cap, further events are dropped (the summary is then of the first ones).
 */
export const mergeSessionEvents = (stored: readonly PlayerEvent[] | undefined, received: readonly PlayerEvent[]): PlayerEvent[] | undefined => {
  const bySeq = new Map((stored ?? []).map((e) => [e.seq, e]));
  const before = bySeq.size;
  for (const event of received) if (!bySeq.has(event.seq) && bySeq.size < maxEventsPerSession) bySeq.set(event.seq, event);
  if (bySeq.size === before && stored !== undefined) return undefined;
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
};
