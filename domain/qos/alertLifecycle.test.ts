import { alertDecider, type AlertCommand, type AlertEvent, type AlertLifecycle } from './alertLifecycle';
import { checkAlertRule } from './alerts';

const rule = checkAlertRule({ id: 'errors-per-cdn', metric: 'errorRatio', dimension: 'cdn', raiseAbove: 0.1, clearBelow: 0.05, minAttempts: 2, windowMinutes: 10 });
const raise = (value: number): AlertCommand => ({ type: 'RaiseQoeAlert', rule, dimensionValue: 'cdn-a', value, now: '2026-03-01T10:00:00.000Z' });
const resolve = (value: number): AlertCommand => ({ type: 'ResolveQoeAlert', rule, dimensionValue: 'cdn-a', value, now: '2026-03-01T10:20:00.000Z' });
const facts = { ruleId: 'errors-per-cdn', metric: 'errorRatio', dimension: 'cdn', dimensionValue: 'cdn-a', windowMinutes: 10 } as const;
const raised = (value: number): AlertEvent => ({ type: 'QoeAlertRaised', data: { ...facts, value, threshold: 0.1 } });
const resolved = (value: number): AlertEvent => ({ type: 'QoeAlertResolved', data: { ...facts, value, threshold: 0.05 } });

/** given these events, when this command, then these events. */
const given = (events: readonly AlertEvent[]) => ({
  when: (command: AlertCommand) => alertDecider.decide(command, events.reduce<AlertLifecycle>(alertDecider.evolve, alertDecider.initialState)),
});

describe('a QoE alert', () => {
  it('is raised from nothing, with the rule\'s raise level as its threshold', () => {
    expect(given([]).when(raise(0.5))).toEqual([raised(0.5)]);
  });
  it('is raised once: raising an open alert decides nothing', () => {
    expect(given([raised(0.5)]).when(raise(0.7))).toEqual([]);
  });
  it('is resolved when open, with the clear level as its threshold', () => {
    expect(given([raised(0.5)]).when(resolve(0))).toEqual([resolved(0)]);
  });
  it('is resolved once, and never before it was raised', () => {
    expect(given([raised(0.5), resolved(0)]).when(resolve(0))).toEqual([]);
    expect(given([]).when(resolve(0))).toEqual([]);
  });
  it('is raised again by a new incident after a resolve', () => {
    expect(given([raised(0.5), resolved(0)]).when(raise(0.3))).toEqual([raised(0.3)]);
  });
  it('counts its transitions and keeps the last one\'s facts', () => {
    const state = [raised(0.5), resolved(0.01)].reduce<AlertLifecycle>(alertDecider.evolve, alertDecider.initialState);
    expect(state).toEqual({ status: 'resolved', transitions: 2, last: resolved(0.01).data });
  });
});
