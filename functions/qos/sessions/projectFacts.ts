import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { applyFact, sameSession, type Session, type SessionFact } from '../../../domain/sessions';
import { projectVersioned, type Versioned } from '../versionedProjection';
import { loadSessions, sessionItemOf, type SessionTables } from './sessionStore';

const groupBySession = (facts: readonly SessionFact[]): Map<string, SessionFact[]> => {
  const groups = new Map<string, SessionFact[]>();
  for (const fact of facts) groups.set(fact.sessionId, [...(groups.get(fact.sessionId) ?? []), fact]);
  return groups;
};

const foldSession = (current: Session | undefined, facts: readonly SessionFact[]): Session | undefined => {
  const next = facts.reduce<Session | undefined>(applyFact, current);
  return next === undefined || sameSession(current, next) ? undefined : next;
};

/**
 * Folds session facts into the viewer sessions read model, each session written conditionally on its version,
 * so two projector invocations folding the same session at once both land (see versionedProjection.ts).
 * `load` is injectable so a test can hand the projector a stale read, as a racing writer would see.
 */
export const projectSessionFacts = (
  client: DynamoDBDocumentClient,
  tables: SessionTables,
  facts: readonly SessionFact[],
  load: (ids: readonly string[]) => Promise<Map<string, Versioned<Session>>> = (ids) => loadSessions(client, tables, ids),
) => projectVersioned({ client, table: tables.sessions, load, fold: foldSession, toItem: sessionItemOf }, groupBySession(facts));
