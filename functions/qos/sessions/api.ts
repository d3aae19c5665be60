import type { SessionDeps } from './deps';
import { ingestSessionEvents } from './ingest';
import { completedByCountryInsight, completedByPlayerInsight, sessionTotalsInsight, topStartedCountryInsight } from './insights';
import { projectViewerSessions } from './project';
import { completedSessions, startedSessions } from './read';

/** The viewer sessions functions over their ports: each function's entry module (entries/) wires its own factory to the container's clients, tests all of them to their own tables. */
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
