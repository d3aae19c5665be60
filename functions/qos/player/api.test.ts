import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createStoreFixture, type StoreFixture } from '../../../adapters/eventstore/testing/storeFixture';
import { streamEventOf } from '../../../adapters/streams/testing/streamEventOf';
import { alertKeyOf, alertStreamId, checkAlertRule } from '../../../domain/qos';
import { createServiceTables } from '../../../test/serviceTables';
import { callHttp } from '../../http/testing/request';
import type { IngressConfig } from '../ingress';
import { playerApi } from './api';
import type { PlayerDeps } from './deps';

/**
 * The player QoS functions over their ports, on real DynamoDB Local tables and a fixed clock, no stack: ingest's
 * admission answers and the caps in front of it, the projector fed the log as its stream delivers it, then the
 * metrics' range checks and the alerts listing.
 */
const now = '2026-03-01T10:05:00.000Z';
const at = (minutes: number) => new Date(Date.parse('2026-03-01T10:00:00.000Z') + minutes * 60_000).toISOString();
const sid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const admin = { sub: 'admin-1', groups: '[admin]' };
const rule = checkAlertRule({ id: 'errors-per-cdn', metric: 'errorRatio', dimension: 'cdn', raiseAbove: 0.1, clearBelow: 0.05, minAttempts: 2, windowMinutes: 10 });
const openIngress: IngressConfig = { QOS_API_KEY: undefined, QOS_MAX_BODY_BYTES: 262_144, QOS_RATE_LIMIT_PER_SECOND: 0 };
const failedSession = (n: number, minute: number) => [
  { type: 'play_attempt', sid: sid(n), seq: 0, ts: at(minute), cid: 'show-1', cdn: 'cdn-x' },
  { type: 'error', sid: sid(n), seq: 1, ts: at(minute + 0.1), cid: 'show-1', cdn: 'cdn-x', fatal: true },
];

let fixture: StoreFixture;
let db: DynamoDBDocumentClient;
let tables: Awaited<ReturnType<typeof createServiceTables<'player-event-log' | 'playback-sessions' | 'qos-alerts'>>>;
let deps: PlayerDeps;
const apiWith = (changes: Partial<PlayerDeps> = {}) => playerApi({ ...deps, ...changes });

beforeAll(async () => {
  fixture = await createStoreFixture();
  db = DynamoDBDocumentClient.from(fixture.client, { marshallOptions: { removeUndefinedValues: true } });
  tables = await createServiceTables(fixture.client, ['player-event-log', 'playback-sessions', 'qos-alerts'] as const);
  deps = {
    db,
    tables: { log: tables.names['player-event-log'], sessions: tables.names['playback-sessions'], alerts: tables.names['qos-alerts'], rollups: 'unused' },
    qos: { QOS_BUCKET_MINUTES: 5, QOS_RETENTION_DAYS: 30, QOS_ALERT_RULES: [rule] },
    ingress: openIngress,
    clock: () => new Date(now),
    store: () => fixture.store,
  };
});

afterAll(async () => {
  await tables.dispose();
  await fixture.dispose();
});

describe('POST /qos/events', () => {
  it('answers per event what was accepted and what was wrong, and appends only the accepted', async () => {
    const answer = await callHttp(apiWith().ingest, {
      requestId: 'batch-1',
      body: [...failedSession(1, 0), { type: 'play_attempt', sid: 'not-a-uuid', seq: 0, ts: at(0), cid: 'show-1' }, { ...failedSession(9, 0)[0], ts: '2020-01-01T00:00:00.000Z' }],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ acceptedCount: 2, failedCount: 2 });
    expect((answer.body?.results as { status: string; error?: string }[]).map((r) => r.error ?? r.status)).toEqual(['accepted', 'accepted', 'invalid_event', 'too_old']);
    const log = await db.send(new ScanCommand({ TableName: deps.tables.log }));
    expect(log.Items?.map((item) => [item.batchId, JSON.parse(String(item.events)).length])).toEqual([['batch-1', 2]]);
  });

  it('refuses an empty batch and one over 500 events with a 400, appending nothing', async () => {
    expect((await callHttp(apiWith().ingest, { body: [] })).status).toBe(400);
    expect((await callHttp(apiWith().ingest, { body: Array.from({ length: 501 }, () => failedSession(2, 0)[0]) })).status).toBe(400);
    expect((await db.send(new ScanCommand({ TableName: deps.tables.log }))).Count).toBe(1);
  });

  it('asks for the API key when configured, caps the body size and the request rate', async () => {
    const keyed = apiWith({ ingress: { ...openIngress, QOS_API_KEY: 'k-1' } }).ingest;
    expect(await callHttp(keyed, { body: failedSession(3, 0) })).toMatchObject({ status: 401, body: { error: 'api_key_required' } });
    expect((await callHttp(keyed, { body: failedSession(3, 0), headers: { 'x-api-key': 'k-1' } })).status).toBe(200);
    const small = apiWith({ ingress: { ...openIngress, QOS_MAX_BODY_BYTES: 100 } }).ingest;
    expect(await callHttp(small, { body: failedSession(4, 0) })).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
    const limited = apiWith({ ingress: { ...openIngress, QOS_RATE_LIMIT_PER_SECOND: 1 } }).ingest;
    expect((await callHttp(limited, { body: [] })).status).toBe(400);
    const second = await callHttp(limited, { body: failedSession(5, 0) });
    expect(second).toMatchObject({ status: 429, body: { error: 'rate_limited' }, headers: { 'retry-after': '1' } });
  });
});

describe('the projector, GET /qos/metrics and GET /qos/alerts', () => {
  beforeAll(async () => {
    const log = await db.send(new ScanCommand({ TableName: deps.tables.log }));
    const result = await apiWith().project(streamEventOf(log.Items ?? []));
    expect(result).toEqual({ batchItemFailures: [] });
  });

  it('answers the metrics of the range by bucket, the sessions folded from the log', async () => {
    const answer = await callHttp(apiWith().metrics, { user: admin, query: { dimension: 'cdn', value: 'cdn-x', from: at(0), to: at(9) } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ bucketMinutes: 5, total: { attempts: 2, errorRatio: 1 } });
    expect((answer.body?.buckets as { start: string; metrics: { attempts: number } }[]).map((b) => [b.start, b.metrics.attempts])).toEqual([
      ['2026-03-01T10:00:00Z', 2],
      ['2026-03-01T10:05:00Z', 0],
    ]);
  });

  it('refuses a range that ends before it starts or covers more than 288 buckets', async () => {
    expect(await callHttp(apiWith().metrics, { user: admin, query: { dimension: 'cdn', value: 'cdn-x', from: at(10), to: at(0) } })).toMatchObject({
      status: 400,
      body: { error: 'invalid_range' },
    });
    expect(await callHttp(apiWith().metrics, { user: admin, query: { dimension: 'cdn', value: 'cdn-x', from: at(0), to: at(60 * 24 + 5) } })).toMatchObject({
      status: 400,
      body: { error: 'range_too_wide' },
    });
  });

  it('lists the alert the projection raised among the open ones, none among the resolved', async () => {
    const open = await callHttp(apiWith().alerts, { user: admin, query: { status: 'open' } });
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ count: 1, items: [{ ruleId: 'errors-per-cdn', dimensionValue: 'cdn-x', status: 'open', published: true }] });
    expect((await callHttp(apiWith().alerts, { user: admin, query: { status: 'resolved' } })).body).toEqual({ count: 0, items: [] });
    expect((await fixture.store.readStream(alertStreamId(alertKeyOf(rule, 'cdn-x')))).events.map((e) => e.type)).toEqual(['QoeAlertRaised']);
  });
});
