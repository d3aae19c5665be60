import { processStream } from '../../../adapters/streams';
import type { SessionQoe } from '../../../domain/qos';
import { streamReporting } from '../../runtime/streamReporting';
import type { PlayerDeps } from './deps';
import { evaluateAlerts, type AlertEvaluation } from './evaluateAlerts';
import { eventsOfLogItem } from './playerStore';
import { playbackProjection } from './projectEvents';
import { projectPlayerGroups } from './projectPlayerGroups';

/** What alert evaluation works with, from the area's ports: the event store is opened only when rules exist. */
export const alertEvaluationOf = (deps: PlayerDeps): AlertEvaluation => ({
  client: deps.db,
  tables: deps.tables,
  rules: deps.qos.QOS_ALERT_RULES,
  bucketMinutes: deps.qos.QOS_BUCKET_MINUTES,
  store: deps.store(),
});

/**
 * The player event log's stream -> per-session QoE records -> alert rules over the sessions' windows. A session
 * whose fold or evaluation fails holds back only its own records, which Lambda retries; projection and
 * transitions are idempotent, so a retry changes only what the failed attempt did not.
 */
export const projectPlayerEventsHandler = (deps: PlayerDeps) => {
  const projection = playbackProjection(deps.db, deps.tables, { bucketMinutes: deps.qos.QOS_BUCKET_MINUTES, retentionDays: deps.qos.QOS_RETENTION_DAYS });
  // handlers.ts builds every player function in each container: the event store is opened on the first evaluation.
  let alerts: AlertEvaluation | undefined;
  const evaluate =
    deps.qos.QOS_ALERT_RULES.length === 0 ? undefined : (touched: readonly SessionQoe[]) => evaluateAlerts((alerts ??= alertEvaluationOf(deps)), touched, deps.clock().toISOString());
  return (event: unknown) =>
    processStream(event, {
      decode: eventsOfLogItem,
      keyOf: (playerEvent) => playerEvent.sid,
      process: (groups) => projectPlayerGroups({ projection, evaluate }, groups),
      name: 'player QoS projection',
      ...streamReporting,
    });
};
