import { performance } from 'node:perf_hooks';
import { BatchWriteCommand, NumberValue, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { contributionOf, isKept, periodStartOf, rankKeyOf, rollupResolutions, seriesKeyOf, type RollupFilter, type RollupResolution } from '../domain/qos';
import { rollupUpdate } from '../functions/qos/player/rollupStore';

/**
 * The NOC dashboard benchmarks' data, seeded straight into a rollups table as the projector would have written it:
 * for 30 days, the "all" series and one per show (100) and per country (20), hourly, daily and weekly, and 5-minute
 * periods for the last day and around 30 days back (a 30-day range's edges); each cell as if 3 sessions per show x country per 5 minutes had come in. Show x country (and
 * CDN) series are not seeded: no panel the benchmarks read needs them.
 */
export const seededShows = 100;
export const seededCountries = 20;

/** a x b exactly: a week of all traffic's kbps x ms passes 2^53, which only a NumberValue carries exactly. */
const times = (a: number, b: number) => {
  const product = BigInt(a) * BigInt(b);
  return product > BigInt(Number.MAX_SAFE_INTEGER) ? NumberValue.from(product.toString()) : Number(product);
};

/** One cell's seeded counters: what `sessions` sessions of one show x country contribute, with some failing. */
const seededItem = (resolution: RollupResolution, filter: RollupFilter, period: string, sessions: number, seed: number) => {
  const one = contributionOf({ sid: 'x', cid: 'x', attemptedAt: `${period}:00.000Z`, firstFrameAt: `${period}:01.000Z`, videoStartTimeMs: 300 + (seed % 40) * 50, playMs: 600_000, stallMs: seed % 7 === 0 ? 9_000 : 1_000, bitrateKbpsMs: 600_000 * 3000, exitedBeforeStart: false, startFailed: seed % 13 === 0, playbackFailed: false });
  const update = rollupUpdate('t', { cell: { resolution, filter, period }, delta: one }, 30);
  const values = update.ExpressionAttributeValues as Record<string, unknown>;
  const item: Record<string, unknown> = { series: seriesKeyOf(resolution, filter), period, expiresAt: values[':expiresAt'] };
  for (const [name, attribute] of Object.entries(update.ExpressionAttributeNames)) item[attribute] = times(values[name.replace('#', ':')] as number, sessions);
  const rank = rankKeyOf(resolution, filter, period);
  return rank === undefined ? item : { ...item, rankKey: rank.rankKey, dimensionValue: rank.value };
};

/** Every seeded item for the 30 days before `now` (ms). */
export const seededItems = (now: number): Record<string, unknown>[] => {
  const filters: RollupFilter[] = [{}, ...Array.from({ length: seededShows }, (_, i) => ({ show: `show-${i}` })), ...Array.from({ length: seededCountries }, (_, i) => ({ country: `C${String.fromCharCode(65 + i)}` }))];
  const items: Record<string, unknown>[] = [];
  // [resolution, first, last): periods back from now. 5 minutes: the last day, and two hours either side of 30 days
  // back, where a 30-day range ending in the last hour starts.
  const spans: [RollupResolution, number, number][] = [['1w', 0, 6], ['1d', 0, 31], ['1h', 0, 31 * 24], ['5m', 0, 289], ['5m', 30 * 288 - 24, 30 * 288 + 24]];
  for (const [resolution, firstBack, lastBack] of spans) {
    const minutes = rollupResolutions[resolution];
    const perCell = (minutes / 5) * 3;
    for (let p = firstBack; p < lastBack; p += 1) {
      const period = periodStartOf(resolution, new Date(now - p * minutes * 60_000).toISOString());
      filters.forEach((filter, f) => {
        if (isKept(resolution, filter)) items.push(seededItem(resolution, filter, period, perCell * (filter.show !== undefined ? seededCountries : filter.country !== undefined ? seededShows : seededShows * seededCountries), p + f));
      });
    }
  }
  return items;
};

/** Writes the items with BatchWriteItem, 16 batches of 25 at a time, retrying what comes back unprocessed. */
export const seedRollups = async (db: DynamoDBDocumentClient, table: string, now: number): Promise<{ items: number; seconds: number }> => {
  const items = seededItems(now);
  const chunks = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
  const started = performance.now();
  for (let i = 0; i < chunks.length; i += 16) {
    await Promise.all(chunks.slice(i, i + 16).map(async (chunk) => {
      let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const answer = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (answer.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }));
  }
  return { items: items.length, seconds: (performance.now() - started) / 1000 };
};
