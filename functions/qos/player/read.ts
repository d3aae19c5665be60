import type { EventStore } from '../../../adapters/eventstore';
import { alertStreamId, bucketCount, bucketsBetween, qoeMetrics } from '../../../domain/qos';
import { HttpError } from '../../http/errors';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { qosRoutes } from '../routes';
import { alertsByStatus } from './alertStore';
import type { PlayerDeps } from './deps';
import { summariesIn } from './playerStore';

/** One answer reads at most this many buckets (a day of 5-minute buckets). */
const maxBuckets = 288;


/**
 * GET /qos/metrics?dimension=show|country|cdn&value=...&from=...&to=...: the QoE metrics of each time bucket of
 * the range (sessions by the bucket of their play attempt) and of the whole range. Default range: the last hour.
 * Concurrent viewers: sessions playing at the bucket's end (or at `to`), among the sessions read.
 */
export const qosMetrics = (deps: PlayerDeps) => httpHandler({ ...qosRoutes.metrics, clock: deps.clock }, async ({ query, now }) => {
  const minutes = deps.qos.QOS_BUCKET_MINUTES;
  const to = query.to ?? now;
  const from = query.from ?? new Date(Date.parse(to) - 3600_000).toISOString();
  if (from > to) throw new HttpError(400, 'invalid_range', 'from must not be after to');
  const count = bucketCount(from, to, minutes);
  if (count > maxBuckets) throw new HttpError(400, 'range_too_wide', `the range covers ${count} buckets of ${minutes} minutes; at most ${maxBuckets}`);
  const buckets = bucketsBetween(from, to, minutes, maxBuckets);
  const perBucket = await Promise.all(buckets.map((bucket) => summariesIn(deps.db, deps.tables, query.dimension, query.value, bucket)));
  const bucketEnd = (start: string) => {
    const end = new Date(Date.parse(`${start}Z`) + minutes * 60_000).toISOString();
    return end < to ? end : to;
  };
  return json(200, {
    dimension: query.dimension,
    value: query.value,
    from,
    to,
    bucketMinutes: minutes,
    total: qoeMetrics(perBucket.flat(), to),
    buckets: buckets.map((start, i) => ({ start: `${start}:00Z`, metrics: qoeMetrics(perBucket[i] ?? [], bucketEnd(start)) })),
  });
});

/** An alert's raises and resolves, oldest first: its own stream in the event store holds them. */
const historyOf = async (store: EventStore, alertKey: string) => {
  const { events } = await store.readStream(alertStreamId(alertKey));
  return events.map((event) => {
    const data = event.data as { value?: number; threshold?: number };
    return { type: event.type, at: event.occurredAt, value: data.value, threshold: data.threshold };
  });
};

/** GET /qos/alerts?status=open|resolved[&history=true]: alerts in that status, most recently changed first. */
export const qosAlerts = (deps: PlayerDeps) => httpHandler({ ...qosRoutes.alerts, clock: deps.clock }, async ({ query }) => {
  const items = await alertsByStatus(deps.db, deps.tables, query.status, query.limit);
  const histories = query.history ? await Promise.all(items.map((alert) => historyOf(deps.store(), alert.alertKey))) : [];
  return json(200, {
    count: items.length,
    // Every transition shown here is in the event store, which the outbox publisher takes to the bus.
    items: items.map((alert, i) => ({ ...alert, published: true, ...(query.history ? { history: histories[i] ?? [] } : {}) })),
  });
});
