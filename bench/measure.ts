import { performance } from 'node:perf_hooks';

export interface WindowResult {
  readonly eventsPerSecond: number;
  readonly latenciesMs: readonly number[];
}

/** `writers` loops call `operation` back to back for `durationMs`; each call reports how many events it wrote. */
export const measureWindow = async (writers: number, durationMs: number, operation: (writer: number) => Promise<number>): Promise<WindowResult> => {
  const latenciesMs: number[] = [];
  let events = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      while (performance.now() < deadline) {
        const before = performance.now();
        // Not `events += await ...`: that reads `events` before awaiting, and concurrent writers would overwrite each other's counts.
        const written = await operation(writer);
        events += written;
        latenciesMs.push(performance.now() - before);
      }
    }),
  );
  return { eventsPerSecond: (events * 1000) / (performance.now() - started), latenciesMs };
};

export const median = (values: readonly number[]): number => percentile(values, 50);

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};

export const round = (value: number, digits = 0): number => Number(value.toFixed(digits));

/**
 * Seconds of unmeasured load before a benchmark's first measured window (BENCH_WARMUP_SECONDS): DynamoDB Local's
 * JIT is still compiling its hot paths a minute in (C2 at half a core), so "sustained" is measured after that.
 */
export const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 60);
