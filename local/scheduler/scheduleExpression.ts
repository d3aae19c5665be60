import awsCron from 'aws-cron-parser';

/** A parsed `schedule` expression: when it next fires strictly after a given instant. */
export interface Schedule {
  readonly expression: string;
  /** The first firing strictly after `after` (ms since the epoch), or undefined if it never fires again. */
  nextAfter(after: number, startedAt: number): number | undefined;
}

export class InvalidScheduleExpressionError extends Error {
  constructor(expression: string, problem: string) {
    super(`schedule ${JSON.stringify(expression)}: ${problem}`);
    this.name = 'InvalidScheduleExpressionError';
  }
}

const unitMs = { minute: 60_000, hour: 3600_000, day: 86_400_000 } as const;

/** Every `periodMs` counted from `startedAt`, never twice for one period. */
export const periodic = (expression: string, periodMs: number): Schedule => ({
  expression,
  nextAfter: (after, startedAt) => startedAt + (Math.floor((after - startedAt) / periodMs) + 1) * periodMs,
});

/**
 * `rate(value unit)` as EventBridge reads it: a positive whole value, the unit singular for 1 and plural
 * otherwise (`rate(1 minute)`, `rate(5 minutes)`; EventBridge refuses `rate(1 minutes)`). It fires every period
 * counted from when the rule was created: here, when the scheduler started.
 */
const rate = (expression: string, body: string): Schedule => {
  const match = /^(\d+) (minute|hour|day)(s?)$/.exec(body);
  if (match === null) throw new InvalidScheduleExpressionError(expression, 'a rate is "rate(<value> <minute|minutes|hour|hours|day|days>)"');
  const [, digits = '', unit = 'minute', plural = ''] = match;
  const value = Number(digits);
  if (value < 1) throw new InvalidScheduleExpressionError(expression, 'the rate value must be 1 or more');
  if ((value === 1) !== (plural === '')) throw new InvalidScheduleExpressionError(expression, `write "${value} ${unit}${value === 1 ? '' : 's'}"`);
  return periodic(expression, value * unitMs[unit as keyof typeof unitMs]);
};

// EventBridge's six fields: minutes hours day-of-month month day-of-week year.
const fieldPattern = /^[0-9A-Za-z*?,/\-#]+$/;

/**
 * `cron(minutes hours day-of-month month day-of-week year)` in EventBridge's dialect (UTC; day-of-week 1-7 from
 * Sunday or SUN-SAT; `?` in exactly one of the two day fields; `L`, `W`, `#`), computed by aws-cron-parser.
 * That library assumes a valid expression, so the shape is checked here first.
 */
const cron = (expression: string, body: string): Schedule => {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw new InvalidScheduleExpressionError(expression, `a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`);
  if (!fields.every((field) => fieldPattern.test(field))) throw new InvalidScheduleExpressionError(expression, 'a field holds a character cron does not use');
  const [, , dayOfMonth, , dayOfWeek] = fields;
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) throw new InvalidScheduleExpressionError(expression, 'exactly one of day-of-month and day-of-week must be "?"');
  let parsed: ReturnType<typeof awsCron.parse>;
  try {
    parsed = awsCron.parse(fields.join(' '));
  } catch (error) {
    throw new InvalidScheduleExpressionError(expression, error instanceof Error ? error.message : String(error));
  }
  const next = (after: number): number | undefined => {
    const at = awsCron.next(parsed, new Date(after));
    return at === null ? undefined : at.getTime();
  };
  // A probe now, so a malformed field fails at start-up with this message rather than later in a timer.
  const probe = (() => {
    try {
      return next(Date.UTC(2000, 0, 1));
    } catch (error) {
      throw new InvalidScheduleExpressionError(expression, error instanceof Error ? error.message : String(error));
    }
  })();
  if (probe !== undefined && Number.isNaN(probe)) throw new InvalidScheduleExpressionError(expression, 'it names no valid time');
  // The library answers the first matching minute strictly after the instant it is given.
  return { expression, nextAfter: (after) => next(after) };
};

/** Parses a serverless.yml `schedule` expression: `rate(...)` or `cron(...)`, as EventBridge accepts them. */
export const parseScheduleExpression = (expression: string): Schedule => {
  const match = /^(rate|cron)\((.*)\)$/.exec(expression.trim());
  if (match === null) throw new InvalidScheduleExpressionError(expression, 'expected rate(...) or cron(...)');
  const [, kind, body = ''] = match;
  return kind === 'rate' ? rate(expression, body) : cron(expression, body);
};
