import { foldGroups, processStream } from '../../../adapters/streams';
import { streamReporting } from '../../runtime/streamReporting';
import type { SessionDeps } from './deps';
import { sessionsProjection } from './projectFacts';
import { factsOfLogItem } from './sessionStore';

/**
 * Projects the session event log's stream into the viewer sessions read model: one BatchGet of the touched
 * sessions, the pure fold, conditional transactional writes of those that changed. The fold is a join, so a
 * retried batch, a record seen twice or facts in any order end in the same state; the version condition keeps
 * two shards' invocations folding one session at once from losing a fact. A session that fails holds back only
 * its own records.
 */
export const projectViewerSessions = (deps: SessionDeps) => {
  const projection = sessionsProjection(deps.db, deps.tables);
  return (event: unknown) =>
    processStream(event, {
      decode: factsOfLogItem,
      keyOf: (fact) => fact.sessionId,
      process: async (groups) => (await foldGroups(projection, groups)).failures,
      name: 'viewer sessions projection',
      ...streamReporting,
    });
};
