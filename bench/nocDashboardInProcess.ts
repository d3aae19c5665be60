// First: the handler's modules require JSON under the import condition (see the module).
import '../local/lambda/jsonStaysJson';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { playerApi } from '../functions/qos/player/api';
import { createServiceTables } from '../test/serviceTables';
import { percentile, round } from './measure';
import { seedRollups } from './nocDashboardSeed';

/**
 * The NOC dashboard's reads in-process over a seeded rollups table (a child started as the local Lambda workers
 * are: ESM-only middy needs the import condition); the data: bench/nocDashboardSeed.ts.
 */
const env = z.object({ BENCH_DYNAMODB: z.string().url(), BENCH_REGION: z.string(), BENCH_REQUESTS: z.coerce.number().default(40) }).parse(process.env);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const now = Date.parse('2026-12-01T12:00:00.000Z');

const event = (path: string, query: Record<string, string>) =>
  ({
    version: '2.0', routeKey: `GET ${path}`, rawPath: path, rawQueryString: new URLSearchParams(query).toString(), headers: {}, queryStringParameters: query, isBase64Encoded: false,
    requestContext: { requestId: 'bench', authorizer: { jwt: { claims: { sub: 'bench', 'cognito:groups': '[admin]' }, scopes: null } } },
  }) as unknown as APIGatewayProxyEventV2;

const main = async () => {
  const client = new DynamoDBClient({ endpoint: env.BENCH_DYNAMODB, region: env.BENCH_REGION, credentials });
  const db = DynamoDBDocumentClient.from(client);
  const tables = await createServiceTables(client, ['qos-rollups'] as const);
  const seeded = await seedRollups(db, tables.names['qos-rollups'], now);
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
    ['worst shows, 30 days to Tuesday 12:00 (100 shows; 30 periods)', api.dashboardWorst, '/qos/dashboard/worst', { range: '30d', dimension: 'show' }],
    ['worst shows, 30 days to Tuesday 11:37 (41 periods)', api.dashboardWorst, '/qos/dashboard/worst', { range: '30d', dimension: 'show', to: '2026-12-01T11:37:00.000Z' }],
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
