import type { SessionDeps } from './deps';
import { ingestSessionEvents } from './ingest';
import { completedByCountryInsight, completedByPlayerInsight, sessionTotalsInsight, topStartedCountryInsight } from './insights';
import { projectViewerSessions } from './project';
import { completedSessions, startedSessions } from './read';

/** The viewer sessions functions over their ports: handlers.ts wires them to the container's clients, tests to their own tables. */
export const sessionsApi = (deps: SessionDeps) => ({
  ingest: ingestSessionEvents(deps),
  project: projectViewerSessions(deps),
  completed: completedSessions(deps),
  started: startedSessions(deps),
  totalsInsight: sessionTotalsInsight(deps),
  countriesInsight: completedByCountryInsight(deps),
  playersInsight: completedByPlayerInsight(deps),
  yearInsight: topStartedCountryInsight(deps),
});
