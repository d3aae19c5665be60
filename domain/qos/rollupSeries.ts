import type { QoeMetrics } from './metrics';
import { vstBinUpperMs, type QoeAggregate } from './rollup';
import { isPeriodStart, rollupResolutions, type RollupResolution } from './rollupKeys';

/**
 * The dashboard's metrics of one point (or of a whole range), from a rollup aggregate: the same metrics GET /qos/metrics
 * computes from sessions. Here video start time is exact to the histogram bin (the upper bound of the bin holding the
 * nearest-rank value) and concurrent viewers is an average (time watched by the period's sessions over its length).
 */
export type RollupMetrics = QoeMetrics;

/** Nearest-rank percentile over the histogram: the upper bound of the bin the rank falls in (the last bin: its lower bound). */
export const histogramPercentile = (bins: readonly number[], p: number): number | null => {
  const total = bins.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (let i = 0; i < bins.length; i += 1) {
    seen += bins[i] ?? 0;
    if (seen >= rank) {
      const upper = vstBinUpperMs[i] ?? Number.POSITIVE_INFINITY;
      return Number.isFinite(upper) ? upper : (vstBinUpperMs[i - 1] ?? 0);
    }
  }
  return null;
};

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export const metricsOfAggregate = (a: QoeAggregate, periodMs: number): RollupMetrics => ({
  attempts: a.attempts,
  plays: a.plays,
  videoStartTimeMs: { p50: histogramPercentile(a.vst, 50), p95: histogramPercentile(a.vst, 95) },
  rebufferingRatio: ratio(a.stallMs, a.stallMs + a.playMs),
  exitsBeforeVideoStart: a.exitsBeforeVideoStart,
  videoStartFailures: a.videoStartFailures,
  videoPlaybackFailures: a.videoPlaybackFailures,
  errorRatio: ratio(a.failures, a.attempts),
  averageBitrateKbps: ratio(a.bitrateKbpsMs, a.playMs),
  concurrentViewers: periodMs <= 0 ? 0 : (a.playMs + a.stallMs) / periodMs,
});

/** At most this many points per series: a day of 5-minute points. */
export const maxSeriesPoints = 288;

/** Steps a series may take, in minutes, and the stored resolution each is summed from. */
const steps: readonly { minutes: number; from: RollupResolution }[] = [
  { minutes: 5, from: '5m' },
  { minutes: 15, from: '5m' },
  { minutes: 60, from: '1h' },
  { minutes: 180, from: '1h' },
  { minutes: 360, from: '1h' },
  { minutes: 1440, from: '1d' },
];

export interface SeriesPlan {
  readonly stepMinutes: number;
  /** The stored resolution read: its periods are summed into steps. */
  readonly resolution: RollupResolution;
  /** Point starts, `YYYY-MM-DDTHH:MM`, oldest first. */
  readonly points: readonly string[];
  /** The stored periods to read, [first, last] inclusive. */
  readonly firstPeriod: string;
  readonly lastPeriod: string;
}

const floorTo = (ms: number, minutes: number) => Math.floor(ms / (minutes * 60_000)) * minutes * 60_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/**
 * The finest step that draws [from, to] in at most maxSeriesPoints points: 5 minutes up to a day, hours over a
 * week, 3 hours over 30 days. Points start on multiples of the step (UTC), the first one holding `from`.
 */
export const planSeries = (from: string, to: string): SeriesPlan => {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const step = steps.find((s) => (floorTo(end, s.minutes) - floorTo(start, s.minutes)) / (s.minutes * 60_000) + 1 <= maxSeriesPoints) ?? { minutes: 1440, from: '1d' as const };
  const size = step.minutes * 60_000;
  const points: string[] = [];
  for (let t = floorTo(start, step.minutes); t <= end && points.length < maxSeriesPoints; t += size) points.push(iso(t));
  const lastPointEnd = floorTo(end, step.minutes) + size;
  return {
    stepMinutes: step.minutes,
    resolution: step.from,
    points,
    firstPeriod: points[0] ?? iso(floorTo(start, step.minutes)),
    lastPeriod: iso(lastPointEnd - rollupResolutions[step.from] * 60_000),
  };
};

/** The point a stored period is summed into. */
export const pointOf = (period: string, stepMinutes: number): string => iso(floorTo(Date.parse(`${period}Z`), stepMinutes));

/** Coarsest first: the first resolution whose period starts at t and ends by `end` covers t. */
const coarsestFirst: readonly RollupResolution[] = ['1w', '1d', '1h'];

/**
 * The fewest stored periods that exactly cover [from, to] widened to 5-minute edges: whole ISO weeks as weeks,
 * whole days as days, whole hours as hours, the edges as 5 minutes (30 to 47 periods for 30 days, 43 on average):
 * what the worst-of lists read, for series filtered on one dimension (the only ones kept weekly).
 */
export const coverPeriods = (from: string, to: string): { resolution: RollupResolution; period: string }[] => {
  const five = 5 * 60_000;
  const end = floorTo(Date.parse(to), 5) + five;
  const cover: { resolution: RollupResolution; period: string }[] = [];
  for (let t = floorTo(Date.parse(from), 5); t < end; ) {
    const at = t;
    const resolution = coarsestFirst.find((r) => isPeriodStart(r, at) && at + rollupResolutions[r] * 60_000 <= end) ?? '5m';
    cover.push({ resolution, period: iso(t) });
    t += rollupResolutions[resolution] * 60_000;
  }
  return cover;
};
