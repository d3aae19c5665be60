import type { z } from 'zod';
import { millisOf, normalizeTimestamp } from './rawEvent';

/** What happened to one event of a batch: the answer tells each sender which of its events to fix. */
export type Admission<T> =
  | { readonly status: 'accepted'; readonly value: T }
  | { readonly status: 'rejected'; readonly error: 'invalid_event' | 'too_old' | 'in_the_future'; readonly message: string; readonly details?: readonly { path: string; message: string }[] };

export interface AdmissionLimits {
  /** Events older than this are refused: the replaced API discarded data older than a year. */
  readonly maxAgeMs: number;
  /** Clocks on devices drift; beyond this an event cannot be true and would pollute "last N hours" answers. */
  readonly maxFutureMs: number;
}

export const defaultAdmissionLimits: AdmissionLimits = { maxAgeMs: 365 * 24 * 3600 * 1000, maxFutureMs: 24 * 3600 * 1000 };

/**
 * Validates one event of a batch on its own, so a bad event never takes the good ones beside it down.
 * `now` comes from the caller (the domain has no clock); `tsOf` says where the event's own time is.
 */
export const admit = <T>(
  schema: z.ZodType<T>,
  raw: unknown,
  now: string,
  tsOf: (value: T) => string,
  limits: AdmissionLimits = defaultAdmissionLimits,
): Admission<T> => {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return {
      status: 'rejected',
      error: 'invalid_event',
      message: 'the event does not match its schema',
      details: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    };
  }
  const at = millisOf(normalizeTimestamp(tsOf(parsed.data)));
  const nowMs = Date.parse(now);
  if (at < nowMs - limits.maxAgeMs) return { status: 'rejected', error: 'too_old', message: 'the event is older than a year; such data is discarded' };
  if (at > nowMs + limits.maxFutureMs) return { status: 'rejected', error: 'in_the_future', message: 'the event is dated more than a day ahead of the server clock' };
  return { status: 'accepted', value: parsed.data };
};
