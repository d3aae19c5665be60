import type { PlayerDeps } from './deps';
import { ingestPlayerEvents } from './ingest';
import { projectPlayerEventsHandler } from './project';
import { qosAlerts, qosMetrics } from './read';
import { evaluateQosAlerts } from './scheduledAlerts';

/** The player QoS functions over their ports: handlers.ts wires them to the container's clients, tests to their own tables. */
export const playerApi = (deps: PlayerDeps) => ({
  ingest: ingestPlayerEvents(deps),
  project: projectPlayerEventsHandler(deps),
  evaluateAlerts: evaluateQosAlerts(deps),
  metrics: qosMetrics(deps),
  alerts: qosAlerts(deps),
});
