import { randomUUID } from 'node:crypto';
import { parseScheduleExpression, periodic, type Schedule } from './scheduleExpression';

/** One schedule rule with its one target function, as serverless.yml's `schedule` event creates it. */
export interface ScheduledRule {
  readonly name: string;
  readonly functionName: string;
  readonly expression: string;
  /** The target's constant input (`input:` in serverless.yml): sent instead of the Scheduled Event. */
  readonly input?: unknown;
}

/** The clock and timers the scheduler runs on: the real ones, or a test's own to step through time. */
export interface SchedulerClock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  // Unreferenced: a pending firing never keeps the process alive on its own.
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs).unref(),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SchedulerOptions {
  readonly rules: readonly ScheduledRule[];
  readonly region: string;
  readonly accountId: string;
  /** Invokes the target as EventBridge does, asynchronously; a firing due while the rule's last invocation still runs is skipped. */
  invoke(functionName: string, payload: unknown): Promise<unknown>;
  log(line: string): void;
  /** When set, every rule fires every this many ms instead of on its expression (SHOWRUNNER_SCHEDULE_PERIOD_MS: tests). */
  readonly periodOverrideMs?: number;
  readonly clock?: SchedulerClock;
}

export interface Scheduler {
  /** Cancels the next firings and waits for the invocations in flight. */
  stop(): Promise<void>;
}

/** EventBridge's Scheduled Event: what a schedule rule delivers to its target when no input is configured. */
export const scheduledEvent = (rule: ScheduledRule, at: number, region: string, accountId: string) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: accountId,
  // EventBridge stamps the scheduled time to the second.
  time: new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
  region,
  resources: [`arn:aws:events:${region}:${accountId}:rule/${rule.name}`],
  detail: {},
});

/**
 * Runs serverless.yml's schedule rules on this machine: each rule fires at its expression's times and invokes
 * its function with the Scheduled Event (or the rule's constant input). A firing whose time has passed while
 * the machine slept is not replayed: the rule fires next at its next time after now, as a missed minute on
 * EventBridge is not made up either. A failed invocation is logged; the next firing happens regardless. Unlike
 * EventBridge, a rule never has two invocations running at once (see fire).
 */
export const startScheduler = (options: SchedulerOptions): Scheduler => {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const timers = new Map<string, unknown>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  const arm = (rule: ScheduledRule, schedule: Schedule, after: number): void => {
    const at = schedule.nextAfter(after, startedAt);
    if (at === undefined || stopped) return;
    timers.set(rule.name, clock.setTimer(() => fire(rule, schedule, at), Math.max(0, at - clock.now())));
  };

  const running = new Set<string>();

  const fire = (rule: ScheduledRule, schedule: Schedule, at: number): void => {
    if (stopped) return;
    if (running.has(rule.name)) {
      // EventBridge would invoke again; here a tick that finds the last one still running (a cold start on a
      // busy machine) is skipped, or ticks pile up as cold starts and the machine never catches up.
      options.log(`schedule ${rule.name}: skipped the firing of ${new Date(at).toISOString()}, the previous one is still running`);
      arm(rule, schedule, Math.max(at, clock.now()));
      return;
    }
    running.add(rule.name);
    const payload = rule.input === undefined ? scheduledEvent(rule, at, options.region, options.accountId) : rule.input;
    const invocation = options
      .invoke(rule.functionName, payload)
      .catch((error: unknown) => options.log(`scheduled invocation of ${rule.functionName} (${rule.name}) failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        inFlight.delete(invocation);
        running.delete(rule.name);
      });
    inFlight.add(invocation);
    arm(rule, schedule, Math.max(at, clock.now()));
  };

  for (const rule of options.rules) {
    const schedule = options.periodOverrideMs === undefined ? parseScheduleExpression(rule.expression) : periodic(rule.expression, options.periodOverrideMs);
    arm(rule, schedule, startedAt);
  }

  return {
    stop: async () => {
      stopped = true;
      for (const handle of timers.values()) clock.clearTimer(handle);
      timers.clear();
      await Promise.all([...inFlight]);
    },
  };
};
