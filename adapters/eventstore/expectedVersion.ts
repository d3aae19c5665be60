/**
 * What the writer believes the stream's head to be:
 * - a number N >= 1: the stream ends exactly at version N;
 * - 'no_stream': the stream has no event yet (the same as 0);
 * - 'any': append after whatever is there (no concurrency check; still never a gap).
 */
export type ExpectedVersion = number | 'no_stream' | 'any';

export const exactBaseVersion = (expected: ExpectedVersion): number | undefined =>
  expected === 'any' ? undefined : expected === 'no_stream' ? 0 : expected;
