import { processStream } from '../../../adapters/streams';
import type { AlertRule, SessionQoe } from '../../../domain/qos';
import { streamReporting } from '../../runtime/streamReporting';
import { cachedAlertRules } from './alertRules';
import type { PlayerDeps } from './deps';
import { evaluateAlerts, type AlertEvaluation } from './evaluateAlerts';
import { eventsOfLogItem } from './playerStore';
import { playbackProjection } from './projectEvents';
import { projectPlayerGroups } from './projectPlayerGroups';

/** What alert evaluation works with, from the area's ports: the event store is opened only when rules exist. */
export const alertEvaluationOf = (deps: PlayerDeps, rules: readonly AlertRule[] = deps.qos.QOS_ALERT_RULES): AlertEvaluation => ({
  client: deps.db,
  tables: deps.tables,
  rules,
  bucketMinutes: deps.qos.QOS_BUCKET_MINUTES,
  store: deps.store(),
});

/**
 * The rules as admins last set them (the configured ones changed by the rules' stream: alertRules.ts), read at most
 * every 30 s per container. Admins change thresholds, not the set of rules, so no configured rule means none at all.
 */
export const currentRulesOf = (deps: PlayerDeps) => cachedAlertRules(deps.store, deps.qos.QOS_ALERT_RULES, deps.clock);

/**
 * The player event log's stream -> per-session QoE records -> alert rules over the sessions' windows. A session
 * whose fold or evaluation fails holds back only its own records, which Lambda retries; projection and
 * transitions are idempotent, so a retry changes only what the failed attempt did not.
 */
export const projectPlayerEventsHandler = (deps: PlayerDeps) => {
  const projection = playbackProjection(deps.db, deps.tables, { bucketMinutes: deps.qos.QOS_BUCKET_MINUTES, retentionDays: deps.qos.QOS_RETENTION_DAYS });
  // The event store is opened on the first evaluation, not when the handler is built (playerApi builds them all at once).
  const rules = currentRulesOf(deps);
  const evaluate =
    deps.qos.QOS_ALERT_RULES.length === 0 ? undefined : async (touched: readonly SessionQoe[]) => evaluateAlerts(alertEvaluationOf(deps, await rules()), touched, deps.clock().toISOString());
  return (event: unknown) =>
    processStream(event, {
      decode: eventsOfLogItem,
      keyOf: (playerEvent) => playerEvent.sid,
      process: (groups) => projectPlayerGroups({ projection, evaluate }, groups),
      name: 'player QoS projection',
      ...streamReporting,
    });
};
