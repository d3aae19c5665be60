// First: the handler's modules require JSON under the import condition (see the module).
import '../local/lambda/jsonStaysJson';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { bucketStartOf, contributionOf, rankKeyOf, rollupResolutions, seriesKeyOf, type RollupFilter, type RollupResolution } from '../domain/qos';
import { playerApi } from '../functions/qos/player/api';
import { rollupUpdate } from '../functions/qos/player/rollupStore';
import { createServiceTables } from '../test/serviceTables';
import { percentile, round } from './measure';

/**
 * The NOC dashboard's reads in-process over a seeded rollups table (a child started as the local Lambda workers
 * are: ESM-only middy needs the import condition). Seeded straight into the table, as the projector would have
 * written it: for 30 days, the "all" series and one per show (100) and per country (20), hourly and daily, and
 * 5-minute periods for the last day; each cell as if 3 sessions per show x country per 5 minutes had come in.
 * Show x country (and CDN) series are not seeded: no panel of this benchmark reads them.
 */
const env = z.object({ BENCH_DYNAMODB: z.string().url(), BENCH_REGION: z.string(), BENCH_REQUESTS: z.coerce.number().default(40) }).parse(process.env);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const shows = 100;
const countries = 20;
const now = Date.parse('2026-12-01T12:00:00.000Z');

/** One cell's seeded counters: what `sessions` sessions of one show x country contribute, with some failing. */
const seededItem = (resolution: RollupResolution, filter: RollupFilter, period: string, sessions: number, seed: number) => {
  const one = contributionOf({ sid: 'x', cid: 'x', attemptedAt: `${period}:00.000Z`, firstFrameAt: `${period}:01.000Z`, videoStartTimeMs: 300 + (seed % 40) * 50, playMs: 600_000, stallMs: seed % 7 === 0 ? 9_000 : 1_000, bitrateKbpsMs: 600_000 * 3000, exitedBeforeStart: false, startFailed: seed % 13 === 0, playbackFailed: false });
  const update = rollupUpdate('t', { cell: { resolution, filter, period }, delta: one }, 30);
  const values = update.ExpressionAttributeValues as Record<string, unknown>;
  const item: Record<string, unknown> = { series: seriesKeyOf(resolution, filter), period };
  for (const [name, attribute] of Object.entries(update.ExpressionAttributeNames)) item[attribute] = (values[name.replace('#', ':')] as number) * sessions;
  const rank = rankKeyOf(resolution, filter, period);
  return rank === undefined ? item : { ...item, rankKey: rank.rankKey, dimensionValue: rank.value };
};

const seed = async (db: DynamoDBDocumentClient, table: string) => {
  const filters: RollupFilter[] = [{}, ...Array.from({ length: shows }, (_, i) => ({ show: `show-${i}` })), ...Array.from({ length: countries }, (_, i) => ({ country: `C${String.fromCharCode(65 + i)}` }))];
  const items: Record<string, unknown>[] = [];
  const spans: [RollupResolution, number][] = [['1d', 31], ['1h', 31 * 24], ['5m', 289]];
  for (const [resolution, count] of spans) {
    const minutes = rollupResolutions[resolution];
    const perCell = (minutes / 5) * 3;
    for (let p = 0; p < count; p += 1) {
      const period = bucketStartOf(new Date(now - p * minutes * 60_000).toISOString(), minutes);
      filters.forEach((filter, f) => items.push(seededItem(resolution, filter, period, perCell * (filter.show !== undefined ? countries : filter.country !== undefined ? shows : shows * countries), p + f)));
    }
  }
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

const event = (path: string, query: Record<string, string>) =>
  ({
    version: '2.0', routeKey: `GET ${path}`, rawPath: path, rawQueryString: new URLSearchParams(query).toString(), headers: {}, queryStringParameters: query, isBase64Encoded: false,
    requestContext: { requestId: 'bench', authorizer: { jwt: { claims: { sub: 'bench', 'cognito:groups': '[admin]' }, scopes: null } } },
  }) as unknown as APIGatewayProxyEventV2;

const main = async () => {
  const client = new DynamoDBClient({ endpoint: env.BENCH_DYNAMODB, region: env.BENCH_REGION, credentials });
  const db = DynamoDBDocumentClient.from(client);
  const tables = await createServiceTables(client, ['qos-rollups'] as const);
  const seeded = await seed(db, tables.names['qos-rollups']);
  const api = playerApi({
    db, tables: { log: 'unused', sessions: 'unused', alerts: 'unused', rollups: tables.names['qos-rollups'] },
    qos: { QOS_BUCKET_MINUTES: 5, QOS_RETENTION_DAYS: 30, QOS_ALERT_RULES: [] },
    ingress: { QOS_API_KEY: undefined, QOS_MAX_BODY_BYTES: 262_144, QOS_RATE_LIMIT_PER_SECOND: 0 },
    clock: () => new Date(now),
    store: () => { throw new Error('no event store in this benchmark'); },
  });
  const panels: [string, typeof api.dashboardSeries, string, Record<string, string>][] = [
    ['series, all traffic, 30 days (240 points of 3 h)', api.dashboardSeries, '/qos/dashboard/series', { range: '30d' }],
    ['series, one show, 30 days', api.dashboardSeries, '/qos/dashboard/series', { range: '30d', show: 'show-7' }],
    ['series, all traffic, 24 hours (288 points of 5 min)', api.dashboardSeries, '/qos/dashboard/series', { range: '24h' }],
    ['series, one country, 7 days (168 points of 1 h)', api.dashboardSeries, '/qos/dashboard/series', { range: '7d', country: 'CC' }],
    ['worst shows, 30 days (100 shows)', api.dashboardWorst, '/qos/dashboard/worst', { range: '30d', dimension: 'show' }],
    ['worst countries, 30 days', api.dashboardWorst, '/qos/dashboard/worst', { range: '30d', dimension: 'country' }],
    ['worst shows, 24 hours', api.dashboardWorst, '/qos/dashboard/worst', { range: '24h', dimension: 'show' }],
  ];
  const rows = [];
  for (const [panel, handler, path, query] of panels) {
    const latencies: number[] = [];
    for (let i = 0; i < env.BENCH_REQUESTS + 3; i += 1) {
      const started = performance.now();
      const answer = await handler(event(path, query), {} as Context);
      if (answer.statusCode !== 200) throw new Error(`${panel}: ${answer.statusCode} ${String(answer.body)}`);
      if (i >= 3) latencies.push(performance.now() - started);
    }
    rows.push({ panel, requests: latencies.length, 'p50 ms': round(percentile(latencies, 50), 1), 'p99 ms': round(percentile(latencies, 99), 1) });
  }
  await tables.dispose();
  client.destroy();
  process.stdout.write(`${JSON.stringify({ seeded, rows })}\n`);
};

void main();
