import { InvalidScheduleExpressionError, parseScheduleExpression } from './scheduleExpression';
import { startScheduler, type SchedulerClock } from './scheduler';

/** A clock the test moves by hand: timers fire, in time order, only when the test advances past them. */
const manualClock = (start: number) => {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clock: SchedulerClock = {
    now: () => now,
    setTimer: (callback, delayMs) => {
      nextId += 1;
      timers.set(nextId, { at: now + delayMs, callback });
      return nextId;
    },
    clearTimer: (handle) => void timers.delete(handle as number),
  };
  /** Fires the due timers in order, letting settled invocations finish between firings as real time would. */
  const advanceTo = async (to: number) => {
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= to).sort(([, a], [, b]) => a.at - b.at)[0];
      if (due === undefined) break;
      timers.delete(due[0]);
      now = Math.max(now, due[1].at);
      due[1].callback();
      await new Promise((r) => setImmediate(r));
    }
    now = to;
  };
  /** The machine sleeps: time passes and no timer fires until the next advanceTo. */
  const sleepUntil = (to: number) => {
    now = to;
  };
  return { clock, advanceTo, sleepUntil, pending: () => timers.size };
};

const at = (iso: string) => Date.parse(iso);

describe('schedule expressions as EventBridge reads them', () => {
  it('fires a rate every period counted from the start, strictly after the given instant', () => {
    const schedule = parseScheduleExpression('rate(5 minutes)');
    const start = at('2026-03-01T10:00:30Z');
    expect(schedule.nextAfter(start, start)).toBe(at('2026-03-01T10:05:30Z'));
    expect(schedule.nextAfter(at('2026-03-01T10:05:30Z'), start)).toBe(at('2026-03-01T10:10:30Z'));
    expect(schedule.nextAfter(at('2026-03-01T10:17:00Z'), start)).toBe(at('2026-03-01T10:20:30Z'));
    expect(parseScheduleExpression('rate(1 day)').nextAfter(start, start)).toBe(at('2026-03-02T10:00:30Z'));
  });

  it('reads cron in the EventBridge dialect: a year field, ? for one day field, day-of-week 1-7 from Sunday, UTC', () => {
    const saturday = at('2026-11-21T10:00:00Z');
    expect(parseScheduleExpression('cron(0 12 ? * MON-FRI *)').nextAfter(saturday, saturday)).toBe(at('2026-11-23T12:00:00Z'));
    // 2 is Monday in EventBridge (it would be Tuesday in Unix cron).
    expect(parseScheduleExpression('cron(0 12 ? * 2 *)').nextAfter(saturday, saturday)).toBe(at('2026-11-23T12:00:00Z'));
    expect(parseScheduleExpression('cron(0/15 * * * ? *)').nextAfter(at('2026-11-21T10:14:59Z'), saturday)).toBe(at('2026-11-21T10:15:00Z'));
    expect(parseScheduleExpression('cron(0 10 * * ? *)').nextAfter(at('2026-11-21T10:00:00Z'), saturday)).toBe(at('2026-11-22T10:00:00Z'));
    expect(parseScheduleExpression('cron(0 10 L * ? *)').nextAfter(saturday, saturday)).toBe(at('2026-11-30T10:00:00Z'));
    expect(parseScheduleExpression('cron(0 10 * * ? 2020)').nextAfter(saturday, saturday)).toBeUndefined();
  });

  it.each([
    ['rate(1 minutes)', 'write "1 minute"'],
    ['rate(5 minute)', 'write "5 minutes"'],
    ['rate(0 minutes)', 'must be 1 or more'],
    ['rate(5 weeks)', 'a rate is'],
    ['cron(0 3 * * *)', 'has 6 fields'],
    ['cron(0 3 * * * *)', 'exactly one of day-of-month and day-of-week'],
    ['cron(99 3 * * ? *)', 'not between 0 and 59'],
    ['cron(0 3 * * ? $)', 'a character cron does not use'],
    ['every minute', 'expected rate(...) or cron(...)'],
  ])('refuses %s', (expression, message) => {
    expect(() => parseScheduleExpression(expression)).toThrow(InvalidScheduleExpressionError);
    expect(() => parseScheduleExpression(expression)).toThrow(message);
  });
});

describe('the local scheduler', () => {
  const start = at('2026-03-01T10:00:30Z');
  const run = (rules: Parameters<typeof startScheduler>[0]['rules'], extra: { periodOverrideMs?: number; fail?: boolean } = {}) => {
    const { clock, advanceTo, sleepUntil, pending } = manualClock(start);
    const calls: { functionName: string; payload: unknown }[] = [];
    const logs: string[] = [];
    const scheduler = startScheduler({
      rules,
      region: 'eu-west-1',
      accountId: '000000000000',
      clock,
      log: (line) => logs.push(line),
      ...(extra.periodOverrideMs === undefined ? {} : { periodOverrideMs: extra.periodOverrideMs }),
      invoke: (functionName, payload) => {
        calls.push({ functionName, payload });
        return extra.fail === true ? Promise.reject(new Error('handler threw')) : Promise.resolve(null);
      },
    });
    return { scheduler, advanceTo, sleepUntil, pending, calls, logs };
  };

  it('invokes the target with the Scheduled Event at each firing, and never before', async () => {
    const { scheduler, advanceTo, calls } = run([{ name: 'tick-rule', functionName: 'svc-dev-tick', expression: 'rate(1 minute)' }]);
    await advanceTo(at('2026-03-01T10:01:29Z'));
    expect(calls).toEqual([]);
    await advanceTo(at('2026-03-01T10:03:30Z'));
    expect(calls.map((c) => (c.payload as { time: string }).time)).toEqual(['2026-03-01T10:01:30Z', '2026-03-01T10:02:30Z', '2026-03-01T10:03:30Z']);
    expect(calls[0]).toEqual({
      functionName: 'svc-dev-tick',
      payload: {
        version: '0',
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '000000000000',
        time: '2026-03-01T10:01:30Z',
        region: 'eu-west-1',
        resources: ['arn:aws:events:eu-west-1:000000000000:rule/tick-rule'],
        detail: {},
      },
    });
    expect(new Set(calls.map((c) => (c.payload as { id: string }).id)).size).toBe(3);
    await scheduler.stop();
  });

  it('fires cron rules at their minutes and sends a configured input instead of the Scheduled Event', async () => {
    const { scheduler, advanceTo, calls } = run([{ name: 'quarter', functionName: 'fn', expression: 'cron(0/15 * * * ? *)', input: { mode: 'full' } }]);
    await advanceTo(at('2026-03-01T10:46:00Z'));
    expect(calls).toEqual([{ functionName: 'fn', payload: { mode: 'full' } }, { functionName: 'fn', payload: { mode: 'full' } }, { functionName: 'fn', payload: { mode: 'full' } }]);
    await scheduler.stop();
  });

  it('fires every rule every overridden period when the period is overridden (tests)', async () => {
    const { scheduler, advanceTo, calls } = run(
      [
        { name: 'hourly', functionName: 'a', expression: 'rate(1 hour)' },
        { name: 'nightly', functionName: 'b', expression: 'cron(0 3 * * ? *)' },
      ],
      { periodOverrideMs: 500 },
    );
    await advanceTo(start + 1600);
    expect(calls.map((c) => c.functionName).sort()).toEqual(['a', 'a', 'a', 'b', 'b', 'b']);
    await scheduler.stop();
  });

  it('does not replay firings missed while the machine slept, and keeps firing after a failed invocation', async () => {
    const { scheduler, advanceTo, sleepUntil, calls, logs } = run([{ name: 'tick', functionName: 'fn', expression: 'rate(1 minute)' }], { fail: true });
    await advanceTo(at('2026-03-01T10:01:30Z'));
    expect(calls).toHaveLength(1);
    expect(logs).toEqual(['scheduled invocation of fn (tick) failed: handler threw']);
    // The timer for 10:02:30 goes off 10 minutes late: one firing, then the next one after now (10:13:30).
    sleepUntil(at('2026-03-01T10:12:40Z'));
    await advanceTo(at('2026-03-01T10:13:29Z'));
    expect(calls.map((c) => (c.payload as { time: string }).time)).toEqual(['2026-03-01T10:01:30Z', '2026-03-01T10:02:30Z']);
    await advanceTo(at('2026-03-01T10:13:30Z'));
    expect(calls.map((c) => (c.payload as { time: string }).time)).toHaveLength(3);
    await scheduler.stop();
  });

  it('skips a firing while the same rule\'s last invocation still runs, and fires again once it has ended', async () => {
    const { clock, advanceTo } = manualClock(start);
    const finishers: (() => void)[] = [];
    const logs: string[] = [];
    const scheduler = startScheduler({
      rules: [{ name: 'tick', functionName: 'fn', expression: 'rate(1 minute)' }],
      region: 'eu-west-1',
      accountId: '000000000000',
      clock,
      log: (line) => logs.push(line),
      invoke: () => new Promise<void>((resolve) => finishers.push(resolve)),
    });
    await advanceTo(start + 3 * 60_000);
    expect(finishers).toHaveLength(1);
    expect(logs).toEqual([
      'schedule tick: skipped the firing of 2026-03-01T10:02:30.000Z, the previous one is still running',
      'schedule tick: skipped the firing of 2026-03-01T10:03:30.000Z, the previous one is still running',
    ]);
    finishers[0]?.();
    await new Promise((r) => setImmediate(r));
    await advanceTo(start + 4 * 60_000);
    expect(finishers).toHaveLength(2);
    finishers[1]?.();
    await scheduler.stop();
  });

  it('stops firing once stopped, and waits for the invocation in flight', async () => {
    const { clock, advanceTo, pending } = manualClock(start);
    let finish: () => void = () => undefined;
    let finished = false;
    const scheduler = startScheduler({
      rules: [{ name: 'tick', functionName: 'fn', expression: 'rate(1 minute)' }],
      region: 'eu-west-1',
      accountId: '000000000000',
      clock,
      log: () => undefined,
      invoke: () =>
        new Promise<void>((resolve) => {
          finish = () => {
            finished = true;
            resolve();
          };
        }),
    });
    await advanceTo(start + 60_000);
    const stopping = scheduler.stop();
    expect(pending()).toBe(0);
    finish();
    await stopping;
    expect(finished).toBe(true);
  });
});
