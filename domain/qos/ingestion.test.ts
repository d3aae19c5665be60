import { alertRulesSchema } from './alertRules';
import { mayRaise } from './alerts';
import { bucketCount, bucketStartOf, bucketsBetween } from './buckets';
import { playerEventSchema, type PlayerEvent } from './playerEvent';
import { maxEventsPerSession, mergeSessionEvents } from './sessionEvents';
import { summarizeSession, type SessionQoe } from './sessionQoe';

const event = (seq: number, type: PlayerEvent['type'] = 'heartbeat', extra: Partial<PlayerEvent> = {}): PlayerEvent =>
  playerEventSchema.parse({ type, sid: '00000000-0000-4000-8000-000000000001', seq, ts: new Date(Date.UTC(2026, 10, 23, 10, 0, seq)).toISOString(), cid: 'show-1', ...extra });

describe('merging a session\'s events', () => {
  it('adds new seqs in order, keeps the first event of a repeated seq, and reports a duplicate-only batch as no change', () => {
    const stored = mergeSessionEvents(undefined, [event(2), event(0, 'play_attempt')]);
    expect(stored?.map((e) => e.seq)).toEqual([0, 2]);
    const merged = mergeSessionEvents(stored, [event(1, 'first_frame'), event(2, 'end')]);
    expect(merged?.map((e) => `${e.seq}:${e.type}`)).toEqual(['0:play_attempt', '1:first_frame', '2:heartbeat']);
    expect(mergeSessionEvents(merged, [event(0, 'error'), event(1)])).toBeUndefined();
  });

  it('stops growing at the cap', () => {
    const many = Array.from({ length: maxEventsPerSession + 10 }, (_, i) => ({ ...event(0), seq: i }));
    expect(mergeSessionEvents(undefined, many)).toHaveLength(maxEventsPerSession);
  });
});

describe('time buckets', () => {
  it('put a play attempt in the bucket its minute falls in and list a range\'s buckets oldest first', () => {
    expect(bucketStartOf('2026-11-23T10:07:59.999Z', 5)).toBe('2026-11-23T10:05');
    expect(bucketsBetween('2026-11-23T10:04:00Z', '2026-11-23T10:15:00Z', 5, 100)).toEqual(['2026-11-23T10:00', '2026-11-23T10:05', '2026-11-23T10:10', '2026-11-23T10:15']);
    expect(bucketCount('2026-11-23T10:04:00Z', '2026-11-23T10:15:00Z', 5)).toBe(4);
  });
});

describe('alert rules from configuration', () => {
  const rule = { id: 'errors-per-cdn', metric: 'errorRatio', dimension: 'cdn', raiseAbove: 0.05, clearBelow: 0.02, minAttempts: 20, windowMinutes: 10 };

  it('accepts well-formed rules and refuses duplicates, unknown metrics and flapping levels', () => {
    expect(alertRulesSchema.parse([rule])).toEqual([rule]);
    expect(alertRulesSchema.safeParse([rule, rule]).error?.issues[0]?.message).toBe('alert rule ids must be unique');
    expect(alertRulesSchema.safeParse([{ ...rule, metric: 'mood' }]).success).toBe(false);
    expect(() => alertRulesSchema.parse([{ ...rule, clearBelow: 0.05 }])).toThrow('clearBelow must be lower than raiseAbove');
  });
});

describe('whether a batch may raise an alert', () => {
  const errors = alertRulesSchema.parse([{ id: 'e', metric: 'errorRatio', dimension: 'cdn', raiseAbove: 0.05, clearBelow: 0.02, minAttempts: 1, windowMinutes: 5 }])[0];
  const stalls = alertRulesSchema.parse([{ id: 's', metric: 'rebufferingRatio', dimension: 'cdn', raiseAbove: 0.05, clearBelow: 0.02, minAttempts: 1, windowMinutes: 5 }])[0];
  const of = (events: PlayerEvent[]): SessionQoe[] => [summarizeSession(events)].flatMap((s) => (s === undefined ? [] : [s]));
  const healthy = of([event(0, 'play_attempt'), event(1, 'first_frame', { br: 3000 }), event(5, 'end')]);
  const failed = of([event(0, 'play_attempt'), event(2, 'error', { fatal: true })]);
  const stalled = of([event(0, 'play_attempt'), event(1, 'first_frame'), event(3, 'stall_start'), event(4, 'stall_end'), event(5, 'end')]);

  it('says yes only when a session failed (error ratio) or stalled (rebuffering ratio)', () => {
    if (errors === undefined || stalls === undefined) throw new Error('rules did not parse');
    expect([mayRaise(errors, healthy), mayRaise(errors, failed), mayRaise(errors, stalled)]).toEqual([false, true, false]);
    expect([mayRaise(stalls, healthy), mayRaise(stalls, failed), mayRaise(stalls, stalled)]).toEqual([false, false, true]);
  });
});
