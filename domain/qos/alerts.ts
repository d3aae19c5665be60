import type { QoeMetrics } from './metrics';
import type { SessionQoe } from './sessionQoe';

/** An alert rule from configuration: a metric per dimension value, with separate raise and clear levels. */
export interface AlertRule {
  readonly id: string;
  readonly metric: 'errorRatio' | 'rebufferingRatio';
  readonly dimension: 'show' | 'country' | 'cdn';
  readonly raiseAbove: number;
  /** Below raiseAbove: the gap is the hysteresis that keeps a metric hovering at the threshold from flapping. */
  readonly clearBelow: number;
  /** Too few attempts say nothing: one failed session of two is not a 50% outage. */
  readonly minAttempts: number;
  readonly windowMinutes: number;
}

export type AlertStatus = 'open' | 'resolved';

export interface AlertState {
  readonly status: AlertStatus;
  readonly changedAt?: string;
}

export type AlertDecision =
  | { readonly type: 'QoeAlertRaised'; readonly value: number }
  | { readonly type: 'QoeAlertResolved'; readonly value: number };

/** Enough attempts, and a value above the rule's raise threshold. */
const crossesRaise = (rule: AlertRule, attempts: number, value: number): boolean => attempts >= rule.minAttempts && value > rule.raiseAbove;

/**
 * Decides whether one rule's alert for one dimension value changes: raised only from resolved and above
 * raiseAbove, resolved only from open and below clearBelow. Everything else (already open, in the gap, too few
 * attempts) decides nothing, so one incident makes one raise and one resolve however often it is evaluated.
 * An open alert whose window holds no session at all resolves with value 0: the traffic that failed has
 * stopped, and nothing attempted is nothing failing (without this, an alert whose traffic stops stays open).
 */
export const evaluateAlert = (rule: AlertRule, metrics: QoeMetrics, state: AlertState | undefined): AlertDecision | undefined => {
  const value = metrics[rule.metric];
  const status = state?.status ?? 'resolved';
  if (status === 'open' && metrics.attempts === 0) return { type: 'QoeAlertResolved', value: 0 };
  if (value === null) return undefined;
  if (status === 'resolved' && crossesRaise(rule, metrics.attempts, value)) return { type: 'QoeAlertRaised', value };
  if (status === 'open' && value < rule.clearBelow) return { type: 'QoeAlertResolved', value };
  return undefined;
};

export class InvalidAlertRuleError extends Error {
  constructor(id: string, problem: string) {
    super(`alert rule ${id}: ${problem}`);
    this.name = 'InvalidAlertRuleError';
  }
}

/** Rules come from configuration; one whose clear level is not below its raise level would flap, so it is refused. */
export const checkAlertRule = (rule: AlertRule): AlertRule => {
  if (!(rule.clearBelow < rule.raiseAbove)) throw new InvalidAlertRuleError(rule.id, 'clearBelow must be lower than raiseAbove');
  return rule;
};

/**
 * Whether these newly projected sessions could push the rule's metric up: only a failed session raises an error
 * ratio, only a stall raises a rebuffering ratio. A resolved alert need not be re-read for a batch that cannot
 * raise it (the common, healthy case). Not covered: good sessions ageing out of the window; the next batch with
 * a failure or stall on that value evaluates it again. Open alerts are also re-evaluated every minute by the
 * scheduled evaluation (functions/qos/player/scheduledAlerts.ts), so one whose traffic stops still resolves.
 */
export const mayRaise = (rule: AlertRule, sessions: readonly SessionQoe[]): boolean =>
  rule.metric === 'errorRatio' ? sessions.some((s) => s.startFailed || s.playbackFailed) : sessions.some((s) => s.stallMs > 0);
