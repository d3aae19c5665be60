import type { DomainEventOf } from '../../events/contract';
import { createEventRegistry } from '../../events/createRegistry';
import { qoeAlertRuleSetChanged } from '../../events/playback';
import { CommandRefusedError, type Decider } from '../decider';
import type { AlertRule } from './alerts';

/** The one stream holding the alert rules' changes; before any, the configured rules (QOS_ALERT_RULES) hold. */
export const alertRulesStreamId = 'qos-alert-rules';
export const alertRuleSetRegistry = createEventRegistry([qoeAlertRuleSetChanged] as const);
export type AlertRuleSetEvent = DomainEventOf<typeof qoeAlertRuleSetChanged>;

export type AlertThresholds = Pick<AlertRule, 'raiseAbove' | 'clearBelow' | 'minAttempts' | 'windowMinutes'>;

export interface ChangeAlertRule {
  readonly type: 'ChangeAlertRule';
  readonly ruleId: string;
  readonly thresholds: AlertThresholds;
}

export interface AlertRuleSet {
  readonly rules: readonly AlertRule[];
}

const sameThresholds = (a: AlertThresholds, b: AlertThresholds) =>
  a.raiseAbove === b.raiseAbove && a.clearBelow === b.clearBelow && a.minAttempts === b.minAttempts && a.windowMinutes === b.windowMinutes;

/**
 * The alert rule set as a decider, starting from the configured rules: an admin changes one rule's thresholds
 * (its metric and dimension are what the rule is, so they stay). A clear level not below the raise level would
 * flap, so it is refused; the same thresholds again change nothing.
 */
export const alertRuleSetDecider = (configured: readonly AlertRule[]): Decider<ChangeAlertRule, AlertRuleSetEvent, AlertRuleSet> => ({
  initialState: { rules: configured },
  decide: (command, state) => {
    const rule = state.rules.find((r) => r.id === command.ruleId);
    if (rule === undefined) throw new CommandRefusedError('unknown_rule', `there is no alert rule ${command.ruleId}: GET /qos/alert-rules lists them`);
    const { thresholds } = command;
    if (!(thresholds.clearBelow < thresholds.raiseAbove)) {
      throw new CommandRefusedError('invalid_thresholds', `clearBelow (${thresholds.clearBelow}) must be lower than raiseAbove (${thresholds.raiseAbove}): the gap keeps an alert from flapping`);
    }
    if (sameThresholds(rule, thresholds)) return [];
    const rules = state.rules.map((r) => (r.id === rule.id ? { ...r, ...thresholds } : r));
    return [{ type: 'QoeAlertRuleSetChanged', data: { changedRuleId: rule.id, rules } }];
  },
  evolve: (_state, event) => ({ rules: event.data.rules }),
});
