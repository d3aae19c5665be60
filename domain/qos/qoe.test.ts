import { checkAlertRule, evaluateAlert, type AlertState } from './alerts';
import { qoeMetrics, type QoeMetrics } from './metrics';
import { playerEventSchema, type PlayerEvent } from './playerEvent';
import { summarizeSession, type SessionQoe } from './sessionQoe';
import { fiveSessionsQoe } from './testing/fiveSessionsQoe';

const t0 = Date.parse('2026-11-23T10:00:00Z');
const at = (ms: number) => new Date(t0 + ms).toISOString();
const sid = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const session = (n: number, cdn: string, steps: readonly [number, PlayerEvent['type'], Partial<PlayerEvent>?][]): PlayerEvent[] =>
  steps.map(([ms, type, extra], seq) => playerEventSchema.parse({ type, sid: sid(n), seq, ts: at(ms), cid: 'show-1', cdn, country: 'PT', ...extra }));

// Hand-computed below, per session: play time, stall time, bitrate x time, video start time.
const s1 = session(1, 'cdn-a', [[0, 'play_attempt'], [1000, 'first_frame', { br: 3000 }], [11000, 'stall_start'], [13000, 'stall_end'], [21000, 'bitrate_change', { br: 6000 }], [31000, 'end']]);
const s2 = session(2, 'cdn-a', [[0, 'play_attempt'], [3000, 'first_frame', { br: 2000 }], [5000, 'seek'], [5500, 'stall_start'], [7000, 'stall_end'], [10000, 'end']]);
const s3 = session(3, 'cdn-b', [[0, 'play_attempt'], [4000, 'end']]);
const s4 = session(4, 'cdn-b', [[0, 'play_attempt'], [2000, 'error', { fatal: true, code: 'MANIFEST_404' }]]);
const s5 = session(5, 'cdn-b', [[0, 'play_attempt'], [2000, 'first_frame', { br: 1000 }], [6000, 'error', { fatal: true }]]);

describe('a session QoE summary', () => {
  it('counts play and stall time (seeks excluded), bitrate x time and video start time, as computed by hand', () => {
    // s1: plays 1-11 s and 13-21 s at 3000 kbps, 21-31 s at 6000; stalls 11-13 s.
    expect(summarizeSession(s1)).toMatchObject({ videoStartTimeMs: 1000, playMs: 28_000, stallMs: 2000, bitrateKbpsMs: 18_000 * 3000 + 10_000 * 6000, endedAt: at(31000) });
    // s2: the stall inside the seek (5-7 s) is neither play nor rebuffering.
    expect(summarizeSession(s2)).toMatchObject({ videoStartTimeMs: 3000, playMs: 5000, stallMs: 0, bitrateKbpsMs: 5000 * 2000 });
    expect(summarizeSession(s3)).toMatchObject({ exitedBeforeStart: true, startFailed: false });
    expect(summarizeSession(s4)).toMatchObject({ exitedBeforeStart: false, startFailed: true });
    expect(summarizeSession(s5)).toMatchObject({ playMs: 4000, playbackFailed: true, startFailed: false });
  });

  it('is the same for shuffled and duplicated events', () => {
    const [a, b, c, d, e, f] = s1;
    const shuffled = [f, c, a, d, c, b, e, a].flatMap((x) => (x === undefined ? [] : [x]));
    expect(summarizeSession(shuffled)).toEqual(summarizeSession(s1));
  });
});

describe('QoE metrics of a bucket', () => {
  it('match each metric computed by hand on the five-session fixture', () => {
    const summaries = [s1, s2, s3, s4, s5].map(summarizeSession).filter((s): s is SessionQoe => s !== undefined);
    expect(qoeMetrics(summaries, at(9000))).toEqual(fiveSessionsQoe);
  });
});

describe('an alert rule with hysteresis', () => {
  const rule = checkAlertRule({ id: 'errors-per-cdn', metric: 'errorRatio', dimension: 'cdn', raiseAbove: 0.1, clearBelow: 0.05, minAttempts: 10, windowMinutes: 5 });
  const metricsOf = (attempts: number, errorRatio: number): QoeMetrics => ({
    attempts, plays: attempts, videoStartTimeMs: { p50: null, p95: null }, rebufferingRatio: null, exitsBeforeVideoStart: 0,
    videoStartFailures: 0, videoPlaybackFailures: 0, errorRatio, averageBitrateKbps: null, concurrentViewers: 0,
  });

  it('raises once and resolves once over an incident that hovers around the threshold', () => {
    const series = [[20, 0.02], [20, 0.2], [20, 0.3], [20, 0.08], [20, 0.12], [20, 0.2], [20, 0.03], [20, 0.08], [20, 0.09], [5, 0.6]] as const;
    let state: AlertState | undefined;
    const decisions: string[] = [];
    series.forEach(([attempts, ratio], minute) => {
      const decision = evaluateAlert(rule, metricsOf(attempts, ratio), state);
      if (decision === undefined) return;
      decisions.push(`${decision.type}@${minute}`);
      state = { status: decision.type === 'QoeAlertRaised' ? 'open' : 'resolved', changedAt: String(minute) };
    });
    expect(decisions).toEqual(['QoeAlertRaised@1', 'QoeAlertResolved@6']);
  });

  it('refuses a rule whose clear level is not below its raise level', () => {
    expect(() => checkAlertRule({ ...rule, clearBelow: 0.1 })).toThrow('clearBelow must be lower than raiseAbove');
  });
});
