import {
  coverPeriods, emptyAggregate, metricsOfAggregate, planSeries, pointOf, rollupResolutions, sumAggregates,
  type QoeAggregate, type RollupFilter, type RollupMetrics,
} from '../../../domain/qos';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { dashboardRanges, type worstMetrics } from '../dashboardRoutes';
import { qosRoutes } from '../routes';
import type { PlayerDeps } from './deps';
import { readRankPeriod, readSeries } from './rollupStore';

const rangeOf = (query: { range: keyof typeof dashboardRanges; to?: string }, now: string) => {
  const to = query.to ?? now;
  return { from: new Date(Date.parse(to) - dashboardRanges[query.range] * 3_600_000).toISOString(), to };
};

/**
 * GET /qos/dashboard/series: one series of the rollups (all traffic, or any combination of show, country and CDN)
 * over the range, in at most 288 points; one Query on the series' key, whatever the range.
 */
export const dashboardSeries = (deps: PlayerDeps) => httpHandler({ ...qosRoutes.dashboardSeries, clock: deps.clock }, async ({ query, now }) => {
  const { from, to } = rangeOf(query, now);
  const filter: RollupFilter = { ...(query.show === undefined ? {} : { show: query.show }), ...(query.country === undefined ? {} : { country: query.country }), ...(query.cdn === undefined ? {} : { cdn: query.cdn }) };
  const plan = planSeries(from, to);
  const periods = await readSeries(deps.db, deps.tables, plan.resolution, filter, plan.firstPeriod, plan.lastPeriod);
  const byPoint = new Map<string, QoeAggregate[]>(plan.points.map((p) => [p, []]));
  for (const { period, aggregate } of periods) byPoint.get(pointOf(period, plan.stepMinutes))?.push(aggregate);
  const stepMs = plan.stepMinutes * 60_000;
  const all = [...byPoint.values()].flat();
  return json(200, {
    from, to, stepMinutes: plan.stepMinutes, filter,
    total: metricsOfAggregate(sumAggregates(all), plan.points.length * stepMs),
    points: plan.points.map((start) => ({ start: `${start}:00Z`, metrics: metricsOfAggregate(sumAggregates(byPoint.get(start) ?? []), stepMs) })),
  });
});

type WorstMetric = (typeof worstMetrics)[number];
const scoreOf = (metric: WorstMetric, m: RollupMetrics): number | null => {
  switch (metric) {
    case 'errorRatio': return m.errorRatio;
    case 'rebufferingRatio': return m.rebufferingRatio;
    case 'videoStartTimeP95': return m.videoStartTimeMs.p95;
    case 'exitsBeforeVideoStartRatio': return m.attempts === 0 ? null : m.exitsBeforeVideoStart / m.attempts;
    default: {
      const exhaustive: never = metric;
      return exhaustive;
    }
  }
};

/**
 * GET /qos/dashboard/worst: every show (country, CDN) over the range, from the fewest stored periods that cover it
 * (whole ISO weeks, days, hours, 5-minute edges: 30 to 47 Queries on the byRank index for 30 days), ranked by a metric.
 */
export const dashboardWorst = (deps: PlayerDeps) => httpHandler({ ...qosRoutes.dashboardWorst, clock: deps.clock }, async ({ query, now }) => {
  const { from, to } = rangeOf(query, now);
  const cover = coverPeriods(from, to);
  const pages = await Promise.all(cover.map((cell) => readRankPeriod(deps.db, deps.tables, query.dimension, cell)));
  const byValue = new Map<string, QoeAggregate>();
  for (const { value, aggregate } of pages.flat()) byValue.set(value, sumAggregates([byValue.get(value) ?? emptyAggregate(), aggregate]));
  const rangeMs = cover.reduce((sum, c) => sum + rollupResolutions[c.resolution] * 60_000, 0);
  const ranked = [...byValue].flatMap(([value, aggregate]) => {
    const metrics = metricsOfAggregate(aggregate, rangeMs);
    const score = scoreOf(query.metric, metrics);
    return score === null || metrics.attempts < query.minAttempts ? [] : [{ value, score, attempts: metrics.attempts, metrics }];
  });
  ranked.sort((a, b) => b.score - a.score || b.attempts - a.attempts || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return json(200, { dimension: query.dimension, metric: query.metric, from, to, items: ranked.slice(0, query.limit) });
});
