import * as z from 'zod';
import { logger } from '../../runtime/logger';
import { alertsToReevaluate } from './alertStore';
import type { PlayerDeps } from './deps';
import { reevaluateAlerts } from './evaluateAlerts';
import { alertEvaluationOf, currentRulesOf } from './project';

/** EventBridge's Scheduled Event, as a `schedule:` event delivers it (only the parts this handler relies on). */
const scheduledEventSchema = z.object({
  'detail-type': z.literal('Scheduled Event'),
  source: z.literal('aws.events'),
  time: z.iso.datetime({ offset: true }),
  resources: z.array(z.string()),
});

/**
 * Every minute (serverless.yml `schedule`): re-evaluates every open alert over its rule's window ending now, so an
 * alert whose traffic stopped resolves without new events (stream-driven evaluation runs only when sessions
 * arrive), and every watched value, so one whose good sessions aged out of the window rises (see watchAlert). The window ends at this handler's
 * clock, not at the event's `time`: a retried invocation must not judge an old window.
 */
export const evaluateQosAlerts = (deps: PlayerDeps) => {
  const rules = currentRulesOf(deps);
  return async (event: unknown): Promise<void> => {
  const scheduled = scheduledEventSchema.parse(event);
  if (deps.qos.QOS_ALERT_RULES.length === 0) return;
  const now = deps.clock().toISOString();
  const alerts = await alertsToReevaluate(deps.db, deps.tables, now);
  const { unknownRules } = await reevaluateAlerts(alertEvaluationOf(deps, await rules()), alerts, now);
  if (unknownRules.length > 0) logger.warn('alerts of rules no longer configured are left as they are', { unknownRules, rule: scheduled.resources });
  };
};
