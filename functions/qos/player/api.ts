import { getAlertRules, updateAlertRule } from './alertRules';
import { dashboardSeries, dashboardWorst } from './dashboard';
import type { PlayerDeps } from './deps';
import { ingestPlayerEvents } from './ingest';
import { projectPlayerEventsHandler } from './project';
import { projectRollups } from './projectRollups';
import { qosAlerts, qosMetrics } from './read';
import { evaluateQosAlerts } from './scheduledAlerts';

/** The player QoS functions over their ports: each function's entry module (entries/) wires its own factory to the container's clients, tests all of them to their own tables. */
export const playerApi = (deps: PlayerDeps) => ({
  ingest: ingestPlayerEvents(deps),
  project: projectPlayerEventsHandler(deps),
  projectRollups: projectRollups({ db: deps.db, tables: deps.tables, retentionDays: deps.qos.QOS_RETENTION_DAYS, clock: deps.clock }),
  evaluateAlerts: evaluateQosAlerts(deps),
  metrics: qosMetrics(deps),
  alerts: qosAlerts(deps),
  dashboardSeries: dashboardSeries(deps),
  dashboardWorst: dashboardWorst(deps),
  alertRules: getAlertRules(deps),
  updateAlertRule: updateAlertRule(deps),
});
