import { CommandRefusedError } from '../decider';
import { alertRuleSetDecider } from './alertRuleSet';
import { checkAlertRule } from './alerts';

const configured = [
  checkAlertRule({ id: 'errors-per-cdn', metric: 'errorRatio', dimension: 'cdn', raiseAbove: 0.05, clearBelow: 0.02, minAttempts: 20, windowMinutes: 10 }),
  checkAlertRule({ id: 'rebuffering-per-country', metric: 'rebufferingRatio', dimension: 'country', raiseAbove: 0.02, clearBelow: 0.01, minAttempts: 20, windowMinutes: 15 }),
];
const decider = alertRuleSetDecider(configured);
const thresholds = { raiseAbove: 0.1, clearBelow: 0.04, minAttempts: 5, windowMinutes: 5 };

describe('the alert rule set', () => {
  it('given the configured rules, when an admin changes one rule\'s thresholds, then the whole set as it now reads is recorded', () => {
    const events = decider.decide({ type: 'ChangeAlertRule', ruleId: 'errors-per-cdn', thresholds }, decider.initialState);
    expect(events).toEqual([{ type: 'QoeAlertRuleSetChanged', data: { changedRuleId: 'errors-per-cdn', rules: [{ ...configured[0], ...thresholds }, configured[1]] } }]);
    const state = events.reduce(decider.evolve, decider.initialState);
    expect(decider.decide({ type: 'ChangeAlertRule', ruleId: 'errors-per-cdn', thresholds }, state)).toEqual([]);
  });

  it('refuses a clear level not below the raise level, and a rule that does not exist', () => {
    const refusal = (ruleId: string, t: typeof thresholds) => {
      try {
        decider.decide({ type: 'ChangeAlertRule', ruleId, thresholds: t }, decider.initialState);
      } catch (error) {
        return error instanceof CommandRefusedError ? error.code : 'other';
      }
      return 'none';
    };
    expect(refusal('errors-per-cdn', { ...thresholds, clearBelow: 0.1 })).toBe('invalid_thresholds');
    expect(refusal('no-such-rule', thresholds)).toBe('unknown_rule');
  });
});
