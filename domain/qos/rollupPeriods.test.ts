import { combine, contributionOf, emptyAggregate, sumAggregates, type QoeAggregate } from './rollup';
import { cellKeyOf, cellsOf, mergeRollupChanges, periodStartOf, rollupDelta, type RollupFilter } from './rollupKeys';
import { coverPeriods } from './rollupSeries';
import type { SessionQoe } from './sessionQoe';

/**
 * The weekly periods the worst-of lists read over long ranges: a range covered with ISO weeks, days, hours and
 * 5-minute edges sums to exactly what its 5-minute periods (and the sessions themselves) sum to.
 */
const first = Date.parse('2026-10-20T00:00:00Z');
const minute = 60_000;

/** About 2,000 sessions over 45 days, every 29 min 17 s, across 5 shows and 3 countries, some failing or stalling. */
const sessions: SessionQoe[] = Array.from({ length: 2_200 }, (_, i) => {
  const attemptedAt = new Date(first + i * (29 * minute + 17_000)).toISOString();
  const played = i % 11 !== 0;
  return {
    sid: `s-${i}`, cid: `show-${i % 5}`, country: ['PT', 'FR', 'IN'][i % 3] ?? 'PT', attemptedAt,
    ...(played ? { firstFrameAt: attemptedAt, videoStartTimeMs: 200 + (i % 37) * 90 } : {}),
    playMs: played ? 60_000 + (i % 13) * 1_000 : 0, stallMs: i % 7 === 0 ? 4_000 : 0, bitrateKbpsMs: played ? (60_000 + (i % 13) * 1_000) * 2_500 : 0,
    exitedBeforeStart: false, startFailed: !played, playbackFailed: false,
  };
});

/** The projector in memory: every session's change added to its cells. */
const cells = new Map<string, QoeAggregate>();
for (const change of mergeRollupChanges(sessions.flatMap((s) => rollupDelta(undefined, s)))) cells.set(cellKeyOf(change.cell), combine(cells.get(cellKeyOf(change.cell)) ?? emptyAggregate(), change.delta));
const cellOf = (resolution: Parameters<typeof periodStartOf>[0], filter: RollupFilter, period: string) => cells.get(cellKeyOf({ resolution, filter, period })) ?? emptyAggregate();

/** The 5-minute periods of [from, to] widened to 5-minute edges, as the cover widens it. */
const fivesOf = (from: string, to: string): string[] => {
  const periods: string[] = [];
  for (let t = Date.parse(`${periodStartOf('5m', from)}Z`); t <= Date.parse(to); t += 5 * minute) periods.push(new Date(t).toISOString().slice(0, 16));
  return periods;
};

const ranges: readonly [string, string][] = [
  ['2026-11-01T12:00:00Z', '2026-12-01T12:00:00Z'],
  ['2026-10-28T07:43:12Z', '2026-11-27T07:43:12Z'],
  ['2026-11-02T00:00:00Z', '2026-11-30T00:00:00Z'],
  ['2026-11-16T23:58:00Z', '2026-11-24T00:03:00Z'],
];

describe('weekly rollup periods', () => {
  it('start on Monday 00:00 UTC (ISO weeks)', () => {
    expect(periodStartOf('1w', '2026-11-29T23:59:30Z')).toBe('2026-11-23T00:00');
    expect(periodStartOf('1w', '2026-11-30T00:00:00Z')).toBe('2026-11-30T00:00');
    expect(periodStartOf('1w', '1970-01-01T00:00:00Z')).toBe('1969-12-29T00:00');
  });

  it('are kept for the series filtered on one dimension only: what the worst-of lists read', () => {
    const fifth = sessions[4];
    if (fifth === undefined) throw new Error('fixture session missing');
    const weeks = cellsOf(fifth).filter((c) => c.resolution === '1w').map((c) => c.filter);
    expect(weeks).toHaveLength(2);
    expect(weeks).toEqual(expect.arrayContaining([{ show: 'show-4' }, { country: 'FR' }]));
  });

  it.each(ranges)('cover %s to %s with whole weeks, summing to exactly its 5-minute periods and its sessions', (from, to) => {
    const cover = coverPeriods(from, to);
    const fives = fivesOf(from, to);
    const end = Date.parse(`${fives.at(-1) ?? ''}Z`) + 5 * minute;
    for (const filter of [{ show: 'show-2' }, { country: 'IN' }] as RollupFilter[]) {
      const byCover = sumAggregates(cover.map((c) => cellOf(c.resolution, filter, c.period)));
      const byFives = sumAggregates(fives.map((p) => cellOf('5m', filter, p)));
      const inRange = sessions.filter((s) => Date.parse(s.attemptedAt) >= Date.parse(`${fives[0] ?? ''}Z`) && Date.parse(s.attemptedAt) < end);
      const bySessions = sumAggregates(inRange.filter((s) => (filter.show ?? s.cid) === s.cid && (filter.country ?? s.country) === s.country).map(contributionOf));
      expect(byCover).toEqual(byFives);
      expect(byCover).toEqual(bySessions);
      expect(byCover.attempts).toBeGreaterThan(0);
    }
  });

  it('leave few periods to read for 30 days: weeks in the middle, days, hours and 5 minutes only at the edges', () => {
    const cover = coverPeriods('2026-11-01T12:00:00Z', '2026-12-01T12:00:00Z');
    expect(cover.filter((c) => c.resolution === '1w').map((c) => c.period)).toEqual(['2026-11-02T00:00', '2026-11-09T00:00', '2026-11-16T00:00', '2026-11-23T00:00']);
    expect(cover).toHaveLength(12 + 4 + 1 + 12 + 1);
  });
});
