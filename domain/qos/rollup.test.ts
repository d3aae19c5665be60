import { qoeMetrics } from './metrics';
import { playerEventSchema, type PlayerEvent } from './playerEvent';
import { combine, contributionOf, emptyAggregate, sumAggregates, vstBinOf, vstBinUpperMs, type QoeAggregate } from './rollup';
import { cellKeyOf, cellsOf, mergeRollupChanges, rollupDelta, seriesKeyOf } from './rollupKeys';
import { coverPeriods, metricsOfAggregate, planSeries } from './rollupSeries';
import { mergeSessionEvents } from './sessionEvents';
import { summarizeSession, type SessionQoe } from './sessionQoe';

const t0 = Date.parse('2026-11-23T09:58:00Z');
const at = (ms: number) => new Date(t0 + ms).toISOString();
const sid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ev = (n: number, seq: number, ms: number, type: PlayerEvent['type'], extra: Partial<PlayerEvent> = {}) =>
  playerEventSchema.parse({ type, sid: sid(n), seq, ts: at(ms), cid: `show-${n % 3}`, country: n % 2 === 0 ? 'PT' : 'FR', ...extra });

/** Sessions across two 5-minute buckets and the hour boundary; CDN learnt only from the first frame on some. */
const sessions: PlayerEvent[][] = Array.from({ length: 12 }, (_, i) => {
  const n = i + 1;
  const start = i * 30_000;
  const cdn = { cdn: n % 4 === 0 ? 'cdn-b' : 'cdn-a' };
  if (n % 5 === 0) return [ev(n, 0, start, 'play_attempt'), ev(n, 1, start + 1500, 'error', { fatal: true })];
  return [
    ev(n, 0, start, 'play_attempt'),
    ev(n, 1, start + 300 * n, 'first_frame', { br: 1000 * n, ...cdn }),
    ev(n, 2, start + 20_000, 'stall_start'),
    ev(n, 3, start + 21_000 + 100 * n, 'stall_end'),
    ev(n, 4, start + 60_000, 'end'),
  ];
});

/** What the projector does, in memory: merge each delivery into its session, apply the summary's delta to the cells. */
const project = (deliveries: readonly PlayerEvent[][]) => {
  const stored = new Map<string, PlayerEvent[]>();
  const cells = new Map<string, QoeAggregate>();
  for (const delivery of deliveries) {
    const bySid = new Map<string, PlayerEvent[]>();
    for (const e of delivery) bySid.set(e.sid, [...(bySid.get(e.sid) ?? []), e]);
    for (const [id, received] of bySid) {
      const before = stored.get(id);
      const merged = mergeSessionEvents(before, received);
      if (merged === undefined) continue;
      stored.set(id, merged);
      for (const change of mergeRollupChanges(rollupDelta(before && summarizeSession(before), summarizeSession(merged)))) {
        const key = cellKeyOf(change.cell);
        cells.set(key, combine(cells.get(key) ?? emptyAggregate(), change.delta));
      }
    }
  }
  return { stored, cells };
};

/** The reference: every cell recomputed from the final summaries, nothing incremental. */
const recompute = (summaries: readonly SessionQoe[]) => {
  const cells = new Map<string, QoeAggregate[]>();
  for (const s of summaries) for (const cell of cellsOf(s)) cells.set(cellKeyOf(cell), [...(cells.get(cellKeyOf(cell)) ?? []), contributionOf(s)]);
  return new Map([...cells].map(([key, parts]) => [key, sumAggregates(parts)]));
};

const defined = <T>(x: T | undefined): T => {
  if (x === undefined) throw new Error('fixture value missing');
  return x;
};

const nonEmpty = (cells: ReadonlyMap<string, QoeAggregate>) => new Map([...cells].filter(([, a]) => a.attempts !== 0 || a.playMs !== 0 || a.vst.some((n) => n !== 0)));

describe('QoE rollups', () => {
  const finals = sessions.map((events) => defined(summarizeSession(events)));

  it('given deliveries in order, equal the recomputation from the summaries', () => {
    const { cells } = project([sessions.flat()]);
    expect(nonEmpty(cells)).toEqual(recompute(finals));
  });

  it('given late, duplicated and out-of-order deliveries (the play attempt last, so sessions move bucket), equal the same recomputation', () => {
    const [first, ...rest] = sessions.flat().reverse();
    const shuffled = [[defined(first)], rest.slice(0, 20), sessions.flat(), rest.slice(20), rest.slice(5, 30)];
    const { cells } = project(shuffled);
    expect(nonEmpty(cells)).toEqual(recompute(finals));
  });

  it('when a duplicate arrives, write nothing', () => {
    const before = finals[0];
    expect(rollupDelta(before, before)).toEqual([]);
  });

  it('then the all-series metrics of the hour equal the bucket metrics computed from the sessions, percentiles to the bin', () => {
    const { cells } = project([sessions.flat()]);
    const hours = [...cells].filter(([key]) => key.startsWith(seriesKeyOf('1h', {}))).map(([, a]) => a);
    const rolled = metricsOfAggregate(sumAggregates(hours), 3_600_000);
    const exact = qoeMetrics(finals, at(3_600_000));
    expect(rolled).toMatchObject({
      attempts: exact.attempts, plays: exact.plays, rebufferingRatio: exact.rebufferingRatio, errorRatio: exact.errorRatio, averageBitrateKbps: exact.averageBitrateKbps,
      exitsBeforeVideoStart: exact.exitsBeforeVideoStart, videoStartFailures: exact.videoStartFailures, videoPlaybackFailures: exact.videoPlaybackFailures,
    });
    expect(rolled.videoStartTimeMs.p50).toBe(vstBinUpperMs[vstBinOf(defined(exact.videoStartTimeMs.p50 ?? undefined))]);
    expect(rolled.videoStartTimeMs.p95).toBe(vstBinUpperMs[vstBinOf(defined(exact.videoStartTimeMs.p95 ?? undefined))]);
  });

  it('count a session under every combination of its dimensions, and at each resolution', () => {
    const cdnLess = { ...defined(finals[4]), cdn: undefined };
    // 5 minutes, hours and days for every combination; ISO weeks for show, country and CDN alone.
    expect(cellsOf(defined(finals[0]))).toHaveLength(8 * 3 + 3);
    expect(cellsOf(cdnLess)).toHaveLength(4 * 3 + 2);
  });
});

describe('series and ranking periods', () => {
  it('plot a day in 5-minute points and 30 days in 3-hour points, never more than 288', () => {
    expect(planSeries('2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z')).toMatchObject({ stepMinutes: 5, resolution: '5m' });
    expect(planSeries('2026-11-22T10:10:00Z', '2026-11-23T10:00:00Z')).toMatchObject({ stepMinutes: 5, resolution: '5m' });
    const month = planSeries('2026-10-24T10:00:00Z', '2026-11-23T10:00:00Z');
    expect(month).toMatchObject({ stepMinutes: 180, resolution: '1h', firstPeriod: '2026-10-24T09:00', lastPeriod: '2026-11-23T11:00' });
    expect(month.points.length).toBeLessThanOrEqual(288);
  });

  it('cover a range with whole days, whole hours and 5-minute edges, each instant once', () => {
    const cover = coverPeriods('2026-11-21T22:52:00Z', '2026-11-23T01:07:00Z');
    expect(cover.filter((c) => c.resolution === '1d').map((c) => c.period)).toEqual(['2026-11-22T00:00']);
    expect(cover.filter((c) => c.resolution === '1h').map((c) => c.period)).toEqual(['2026-11-21T23:00', '2026-11-23T00:00']);
    expect(cover.filter((c) => c.resolution === '5m')).toHaveLength(2 + 2);
  });
});
