import { checkAlertRule, evaluateAlert } from './alerts';
import { qoeMetrics } from './metrics';
import type { SessionQoe } from './sessionQoe';

describe('an alert whose traffic stops', () => {
  const rule = checkAlertRule({ id: 'errors-per-cdn', metric: 'errorRatio', dimension: 'cdn', raiseAbove: 0.1, clearBelow: 0.05, minAttempts: 2, windowMinutes: 5 });
  const failed: SessionQoe = {
    sid: 's1', cid: 'show', cdn: 'cdn-a', attemptedAt: '2026-03-01T10:00:00.000Z', playMs: 0, stallMs: 0, bitrateKbpsMs: 0,
    exitedBeforeStart: false, startFailed: true, playbackFailed: false,
  };
  const at = '2026-03-01T10:06:00.000Z';

  it('resolves once its window is empty, with value 0 (nothing attempted, nothing failing)', () => {
    expect(evaluateAlert(rule, qoeMetrics([], at), { status: 'open' })).toEqual({ type: 'QoeAlertResolved', value: 0 });
  });

  it('stays open while the window still holds the failures', () => {
    expect(evaluateAlert(rule, qoeMetrics([failed, { ...failed, sid: 's2' }], at), { status: 'open' })).toBeUndefined();
  });

  it('is not raised, nor resolved again, by an empty window', () => {
    expect(evaluateAlert(rule, qoeMetrics([], at), { status: 'resolved' })).toBeUndefined();
    expect(evaluateAlert(rule, qoeMetrics([], at), undefined)).toBeUndefined();
  });
});
