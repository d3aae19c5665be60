import type { RawSessionEvent } from './rawEvent';
import { normalizeTimestamp } from './rawEvent';

/** A fact about one viewer session, as stored in the session event log (timestamps normalized). */
export type SessionFact =
  | { readonly kind: 'start'; readonly sessionId: string; readonly playerId: string; readonly country: string; readonly ts: string }
  | { readonly kind: 'end'; readonly sessionId: string; readonly playerId: string; readonly ts: string };

/** The read model of one session: what the sessions API answers with. */
export interface Session {
  readonly sessionId: string;
  readonly playerId: string;
  readonly country?: string;
  readonly startTs?: string;
  readonly endTs?: string;
}

export const isCompleted = (session: Session): boolean => session.startTs !== undefined && session.endTs !== undefined;

export const factOf = (event: RawSessionEvent): SessionFact =>
  event.event === 'start'
    ? { kind: 'start', sessionId: event.session_id, playerId: event.player_id, country: event.country, ts: normalizeTimestamp(event.ts) }
    : { kind: 'end', sessionId: event.session_id, playerId: event.player_id, ts: normalizeTimestamp(event.ts) };

const earlier = (a: string | undefined, b: string): string => (a === undefined || b < a ? b : a);
const later = (a: string | undefined, b: string): string => (a === undefined || b > a ? b : a);

/**
 * Folds one fact into a session. The fold is a join: commutative, associative and idempotent, so the order in
 * which facts arrive and how often they arrive do not matter. That is what the replaced merge got wrong: there a
 * late start overwrote the session and reset a completed one. Here a start only ever fills in (or moves earlier)
 * the start, an end only fills in (or moves later) the end; an end before its start is kept, and the session is
 * completed when the start arrives. Conflicting duplicates resolve the same way whatever their order: the
 * earliest start (with its country and player) and the latest end win.
 */
export const applyFact = (session: Session | undefined, fact: SessionFact): Session => {
  const base: Session = session ?? { sessionId: fact.sessionId, playerId: fact.playerId };
  if (fact.kind === 'end') return { ...base, endTs: later(base.endTs, fact.ts) };
  const startTs = earlier(base.startTs, fact.ts);
  if (startTs === base.startTs && base.country !== undefined) return base;
  // The start is the authority on who played where: its player and country replace what an end suggested.
  return { ...base, playerId: fact.playerId, country: fact.country, startTs };
};

/** Whether folding changed anything: unchanged sessions are not rewritten (duplicates cost no write). */
export const sameSession = (a: Session | undefined, b: Session): boolean =>
  a !== undefined && a.playerId === b.playerId && a.country === b.country && a.startTs === b.startTs && a.endTs === b.endTs;

/** Folds a batch of facts into the sessions they touch; returns only the sessions that changed. */
export const foldSessions = (current: ReadonlyMap<string, Session>, facts: readonly SessionFact[]): Map<string, Session> => {
  const next = new Map<string, Session>();
  for (const fact of facts) next.set(fact.sessionId, applyFact(next.get(fact.sessionId) ?? current.get(fact.sessionId), fact));
  for (const [id, session] of next) if (sameSession(current.get(id), session)) next.delete(id);
  return next;
};
