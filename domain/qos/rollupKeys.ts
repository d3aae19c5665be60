import { combine, contributionOf, emptyAggregate, isZeroAggregate, type QoeAggregate } from './rollup';
import type { SessionQoe } from './sessionQoe';

/**
 * The periods rollups are kept at: 5 minutes (the last day's plots), hours (up to 12 days), days (30 days), and ISO
 * weeks (Monday 00:00 UTC) for the series the worst-of lists read (isKept), so a 30-day list reads a few weeks
 * instead of 30 days.
 */
export const rollupResolutions = { '5m': 5, '1h': 60, '1d': 1440, '1w': 10_080 } as const;
export type RollupResolution = keyof typeof rollupResolutions;
export const rollupResolutionNames = Object.keys(rollupResolutions) as RollupResolution[];

/** Where a resolution's periods start, after the epoch (a Thursday): weeks on Mondays, the rest on multiples of their length. */
const periodOffsetMs = (resolution: RollupResolution): number => (resolution === '1w' ? 4 * 86_400_000 : 0);

/** Whether a period of `resolution` starts at `ms` (epoch milliseconds). */
export const isPeriodStart = (resolution: RollupResolution, ms: number): boolean => (ms - periodOffsetMs(resolution)) % (rollupResolutions[resolution] * 60_000) === 0;

/** The start of the period of `resolution` holding `ts`, `YYYY-MM-DDTHH:MM` (UTC). */
export const periodStartOf = (resolution: RollupResolution, ts: string): string => {
  const size = rollupResolutions[resolution] * 60_000;
  const offset = periodOffsetMs(resolution);
  return new Date(Math.floor((Date.parse(ts) - offset) / size) * size + offset).toISOString().slice(0, 16);
};

export type RollupDimension = 'show' | 'country' | 'cdn';
export const rollupDimensions: readonly RollupDimension[] = ['show', 'country', 'cdn'];

/** Which sessions a series counts: any combination of show, country and CDN; none is the "all" series. */
export interface RollupFilter {
  readonly show?: string;
  readonly country?: string;
  readonly cdn?: string;
}

/**
 * A series' key: the resolution and the filter as a JSON array [show, country, cdn] (null = any), so free-text
 * values holding any character cannot make two filters share a key.
 */
export const seriesKeyOf = (resolution: RollupResolution, filter: RollupFilter): string =>
  `${resolution}|${JSON.stringify([filter.show ?? null, filter.country ?? null, filter.cdn ?? null])}`;

/**
 * The key the worst-of lists read: for series filtered on exactly one dimension, `<resolution>|<dimension>|<period>`,
 * so one Query answers every show (country, CDN) of one period. Undefined for other series.
 */
export const rankKeyOf = (resolution: RollupResolution, filter: RollupFilter, period: string): { rankKey: string; dimension: RollupDimension; value: string } | undefined => {
  const set = rollupDimensions.flatMap((d) => (filter[d] === undefined ? [] : [[d, filter[d]] as const]));
  const [only] = set;
  if (set.length !== 1 || only === undefined) return undefined;
  return { rankKey: `${resolution}|${only[0]}|${period}`, dimension: only[0], value: only[1] };
};

/** Every filter a session is counted under: each subset of the dimensions it has (8 at most, with "all"). */
export const filtersOf = (s: SessionQoe): RollupFilter[] => {
  const values: Record<RollupDimension, string | undefined> = { show: s.cid, country: s.country, cdn: s.cdn };
  let filters: RollupFilter[] = [{}];
  for (const dimension of rollupDimensions) {
    const value = values[dimension];
    if (value !== undefined) filters = filters.flatMap((f) => [f, { ...f, [dimension]: value }]);
  }
  return filters;
};

/** One rollup item: a series at one period. */
export interface RollupCell {
  readonly resolution: RollupResolution;
  readonly filter: RollupFilter;
  /** The period's start, `YYYY-MM-DDTHH:MM` (UTC), like the buckets. */
  readonly period: string;
}

export const cellKeyOf = (cell: RollupCell): string => `${seriesKeyOf(cell.resolution, cell.filter)}@${cell.period}`;

/**
 * Whether a series is kept at a resolution: weeks only for the series filtered on exactly one dimension, the only ones
 * read over whole weeks (the worst-of lists; the plots never read weeks), which spares each session 5 writes of 32.
 */
export const isKept = (resolution: RollupResolution, filter: RollupFilter): boolean => resolution !== '1w' || rollupDimensions.filter((d) => filter[d] !== undefined).length === 1;

/** The cells a session counts in: each filter it falls under, at each resolution it is kept at, in the period of its play attempt. */
export const cellsOf = (s: SessionQoe): RollupCell[] =>
  rollupResolutionNames.flatMap((resolution) => {
    const period = periodStartOf(resolution, s.attemptedAt);
    return filtersOf(s).flatMap((filter) => (isKept(resolution, filter) ? [{ resolution, filter, period }] : []));
  });

export interface RollupChange {
  readonly cell: RollupCell;
  readonly delta: QoeAggregate;
}

/**
 * What a session's change does to the rollups: its new contribution added, its old one taken away, per cell (a
 * late play attempt that moves the session to an earlier period, or a CDN learnt late, moves its contribution).
 * Cells whose delta is zero are left out: a duplicate that changes nothing writes nothing.
 */
export const rollupDelta = (before: SessionQoe | undefined, after: SessionQoe | undefined): RollupChange[] => {
  const changes = new Map<string, RollupChange>();
  const apply = (s: SessionQoe | undefined, sign: 1 | -1) => {
    if (s === undefined) return;
    const contribution = contributionOf(s);
    for (const cell of cellsOf(s)) {
      const key = cellKeyOf(cell);
      const current = changes.get(key);
      changes.set(key, { cell, delta: current === undefined ? combine(emptyAggregate(), contribution, sign) : combine(current.delta, contribution, sign) });
    }
  };
  apply(after, 1);
  apply(before, -1);
  return [...changes.values()].filter((c) => !isZeroAggregate(c.delta));
};

/** Several sessions' changes merged per cell: one write per cell for a whole stream batch. */
export const mergeRollupChanges = (changes: Iterable<RollupChange>): RollupChange[] => {
  const merged = new Map<string, RollupChange>();
  for (const change of changes) {
    const key = cellKeyOf(change.cell);
    const current = merged.get(key);
    merged.set(key, current === undefined ? change : { cell: change.cell, delta: combine(current.delta, change.delta) });
  }
  return [...merged.values()].filter((c) => !isZeroAggregate(c.delta));
};
