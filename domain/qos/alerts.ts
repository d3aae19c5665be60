import type { QoeMetrics } from './metrics';

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

/**
 * Decides whether one rule's alert for one dimension value changes: raised only from resolved and above
 * raiseAbove, resolved only from open and below clearBelow. Everything else (already open, in the gap, too few
 * attempts) decides nothing, so one incident makes one raise and one resolve however often it is evaluated.
 */
export const evaluateAlert = (rule: AlertRule, metrics: QoeMetrics, state: AlertState | undefined): AlertDecision | undefined => {
  const value = metrics[rule.metric];
  const status = state?.status ?? 'resolved';
  if (value === null) return undefined;
  if (status === 'resolved' && metrics.attempts >= rule.minAttempts && value > rule.raiseAbove) return { type: 'QoeAlertRaised', value };
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
