import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { foldGated, groupBy, type GatedFold, type Stored } from '../../../adapters/streams';
import { applyFact, counterDeltas, sameSession, type Session, type SessionFact } from '../../../domain/sessions';
import { counterUpdate } from './insightStore';
import { loadSessions, sessionItemOf, type SessionTables } from './sessionStore';

export type LoadSessions = (ids: readonly string[]) => Promise<ReadonlyMap<string, Stored<Session>>>;

const foldSession = (current: Session | undefined, facts: readonly SessionFact[]): Session | undefined => {
  const next = facts.reduce<Session | undefined>(applyFact, current);
  return next === undefined || sameSession(current, next) ? undefined : next;
};

/**
 * The viewer sessions read model as a gated fold: each session written conditionally on its version, so two
 * projector invocations folding the same session at once both land (the fold is a join: folding the same facts
 * into the newer record is right), the insight counters moved in the same transaction. `load` is injectable so a test can hand the projector a stale read, as a racing
 * writer would see.
 */
export const sessionsProjection = (client: DynamoDBDocumentClient, tables: SessionTables, load: LoadSessions = (ids) => loadSessions(client, tables, ids)): GatedFold<SessionFact, Session> => ({
  db: client,
  table: tables.sessions,
  load,
  fold: async (_sessionId, current, facts) => {
    const next = foldSession(current?.record, facts);
    return next === undefined ? undefined : { record: next, version: (current?.version ?? 0) + 1 };
  },
  toItem: (next) => sessionItemOf(next.record, next.version),
  // The insight counters move in the very transaction of the sessions' gated Puts: a duplicate folds to no write and
  // a write that lost its race is cancelled whole, so each session state change moves them exactly once.
  companions: (changes) => counterDeltas(changes.map((c) => ({ previous: c.previous?.record, next: c.next.record }))).map((move) => counterUpdate(tables.insights, move)),
});


/** Folds session facts into the read model; throws the first failure (what a test or a replay wants). */
export const projectSessionFacts = async (client: DynamoDBDocumentClient, tables: SessionTables, facts: readonly SessionFact[], load?: LoadSessions) => {
  const report = await foldGated(sessionsProjection(client, tables, load), groupBy(facts, (f) => f.sessionId));
  const [failure] = report.failed.values();
  if (report.failed.size > 0) throw failure;
  return report.written;
};
