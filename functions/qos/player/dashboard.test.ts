import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createStoreFixture, type StoreFixture } from '../../../adapters/eventstore/testing/storeFixture';
import { streamEventOf } from '../../../adapters/streams/testing/streamEventOf';
import { checkAlertRule, qoeMetrics, type SessionQoe } from '../../../domain/qos';
import { createServiceTables } from '../../../test/serviceTables';
import { callHttp } from '../../http/testing/request';
import { playerApi } from './api';
import type { PlayerDeps } from './deps';
import { qoeSchema } from './playerStore';

/**
 * The NOC dashboard's routes through the player composition root, on DynamoDB Local tables: player events projected
 * into sessions, the sessions' changes (as their table's stream delivers them, old and new image) into rollups, late
 * and redelivered included; the series and worst-of answers equal the metrics recomputed from the sessions, and no
 * dashboard path Scans. Then the alert rules (read, changed by an admin behind If-Match) and the alerts' history.
 */
const now = '2026-03-01T10:30:00.000Z';
const at = (minutes: number) => new Date(Date.parse('2026-03-01T10:00:00.000Z') + minutes * 60_000).toISOString();
const sid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const admin = { sub: 'admin-1', groups: '[admin]' };
const rule = checkAlertRule({ id: 'errors-per-cdn', metric: 'errorRatio', dimension: 'cdn', raiseAbove: 0.3, clearBelow: 0.1, minAttempts: 2, windowMinutes: 30 });
const session = (n: number, minute: number, cdn: string, country: string, fails: boolean) => [
  { type: 'play_attempt', sid: sid(n), seq: 0, ts: at(minute), cid: `show-${n % 2}`, cdn, country },
  fails
    ? { type: 'error', sid: sid(n), seq: 1, ts: at(minute + 0.05), cid: `show-${n % 2}`, cdn, country, fatal: true }
    : { type: 'first_frame', sid: sid(n), seq: 1, ts: at(minute + 0.01 * n), cid: `show-${n % 2}`, cdn, country, br: 1000 * n },
  { type: 'end', sid: sid(n), seq: 2, ts: at(minute + 1), cid: `show-${n % 2}`, cdn, country },
];
const all = Array.from({ length: 10 }, (_, i) => session(i + 1, 2 * i, i % 3 === 0 ? 'cdn-b' : 'cdn-a', i % 2 === 0 ? 'PT' : 'FR', i % 3 === 0));

let fixture: StoreFixture;
let raw: DynamoDBDocumentClient;
let tables: Awaited<ReturnType<typeof createServiceTables<'player-event-log' | 'playback-sessions' | 'qos-alerts' | 'qos-rollups'>>>;
let deps: PlayerDeps;
const sent: string[] = [];

const sessionItems = async () => new Map(((await raw.send(new ScanCommand({ TableName: deps.tables.sessions }))).Items ?? []).map((item) => [String(item.sid), item]));

/** Ingests a delivery, projects it, and feeds the rollups the session changes as the sessions table's stream would. */
const deliver = async (events: unknown[], requestId: string) => {
  const api = playerApi(deps);
  await callHttp(api.ingest, { body: events, requestId });
  const before = await sessionItems();
  const log = (await raw.send(new ScanCommand({ TableName: deps.tables.log }))).Items ?? [];
  await api.project(streamEventOf(log.filter((item) => item.batchId === requestId)));
  const after = await sessionItems();
  const changed = [...after].filter(([id, item]) => before.get(id)?.version !== item.version);
  const event = {
    Records: changed.map(([id, item], i) => ({
      eventName: before.has(id) ? 'MODIFY' : 'INSERT',
      dynamodb: { SequenceNumber: `${requestId}-${i}`, NewImage: marshall(item), ...(before.has(id) ? { OldImage: marshall(before.get(id)) } : {}) },
    })),
  };
  expect(await api.projectRollups(event)).toEqual({ batchItemFailures: [] });
  return event;
};

beforeAll(async () => {
  fixture = await createStoreFixture();
  raw = DynamoDBDocumentClient.from(fixture.client, { marshallOptions: { removeUndefinedValues: true } });
  tables = await createServiceTables(fixture.client, ['player-event-log', 'playback-sessions', 'qos-alerts', 'qos-rollups'] as const);
  const db = DynamoDBDocumentClient.from(fixture.client, { marshallOptions: { removeUndefinedValues: true } });
  const send = db.send.bind(db);
  // Every command the api sends, by class: the dashboard paths must never Scan.
  db.send = ((command: { constructor: { name: string } }, ...rest: unknown[]) => {
    sent.push(command.constructor.name);
    return (send as (...args: unknown[]) => unknown)(command, ...rest);
  }) as typeof db.send;
  deps = {
    db,
    tables: { log: tables.names['player-event-log'], sessions: tables.names['playback-sessions'], alerts: tables.names['qos-alerts'], rollups: tables.names['qos-rollups'] },
    qos: { QOS_BUCKET_MINUTES: 5, QOS_RETENTION_DAYS: 30, QOS_ALERT_RULES: [rule] },
    ingress: { QOS_API_KEY: undefined, QOS_MAX_BODY_BYTES: 262_144, QOS_RATE_LIMIT_PER_SECOND: 0 },
    clock: () => new Date(now),
    store: () => fixture.store,
  };
  // Out of order and late: every session's end first, then the rest; the play attempts of half the sessions last,
  // so those sessions move bucket; then the second delivery again (a redelivered stream batch).
  await deliver(all.map((s) => s[2]), 'late-ends');
  await deliver(all.flatMap((s, i) => (i % 2 === 0 ? [s[0], s[1]] : [s[1]])), 'middle');
  const again = await deliver(all.flatMap((s, i) => (i % 2 === 0 ? [] : [s[0]])), 'attempts');
  expect(await playerApi(deps).projectRollups(again)).toEqual({ batchItemFailures: [] });
});

afterAll(async () => {
  await tables.dispose();
  await fixture.dispose();
});

const summaries = async (keep: (s: SessionQoe) => boolean = () => true) => [...(await sessionItems()).values()].map((item) => qoeSchema.parse(item.qoe)).filter(keep);

describe('GET /qos/dashboard/series', () => {
  it('answers the last hour in 5-minute points whose totals equal the metrics recomputed from the sessions', async () => {
    const answer = await callHttp(playerApi(deps).dashboardSeries, { user: admin, query: { range: '1h' } });
    expect(answer.status).toBe(200);
    const exact = qoeMetrics(await summaries(), now);
    expect(answer.body).toMatchObject({ stepMinutes: 5, total: { attempts: 10, plays: exact.plays, errorRatio: exact.errorRatio, averageBitrateKbps: exact.averageBitrateKbps, videoStartFailures: exact.videoStartFailures } });
    const points = answer.body?.points as { start: string; metrics: { attempts: number } }[];
    expect(points.length).toBeLessThanOrEqual(13);
    expect(points.filter((p) => p.start >= '2026-03-01T10:00' && p.start < '2026-03-01T10:05').map((p) => p.metrics.attempts)).toEqual([3]);
  });

  it('filters by any combination of show, country and CDN', async () => {
    const answer = await callHttp(playerApi(deps).dashboardSeries, { user: admin, query: { range: '6h', country: 'PT', cdn: 'cdn-b' } });
    const expected = (await summaries((s) => s.country === 'PT' && s.cdn === 'cdn-b')).length;
    expect(answer.body).toMatchObject({ total: { attempts: expected }, filter: { country: 'PT', cdn: 'cdn-b' } });
    const month = await callHttp(playerApi(deps).dashboardSeries, { user: admin, query: { range: '30d', show: 'show-1' } });
    expect(month.body).toMatchObject({ stepMinutes: 180, total: { attempts: 5 } });
    expect((month.body?.points as unknown[]).length).toBeLessThanOrEqual(288);
  });

  it('refuses an unknown range with a 400 naming the choices', async () => {
    expect(await callHttp(playerApi(deps).dashboardSeries, { user: admin, query: { range: '2y' } })).toMatchObject({ status: 400 });
  });
});

describe('GET /qos/dashboard/worst', () => {
  it('ranks the CDNs by error ratio, worst first, over the range', async () => {
    const answer = await callHttp(playerApi(deps).dashboardWorst, { user: admin, query: { range: '24h', dimension: 'cdn' } });
    expect(answer.status).toBe(200);
    expect((answer.body?.items as { value: string; attempts: number; score: number }[]).map((i) => [i.value, i.attempts, i.score])).toEqual([
      ['cdn-b', 4, 1],
      ['cdn-a', 6, 0],
    ]);
  });
});

describe('the dashboard paths', () => {
  it('never Scan', () => {
    expect(sent.length).toBeGreaterThan(0);
    expect(sent).not.toContain('ScanCommand');
  });
});

describe('alert rules', () => {
  const put = (body: unknown, headers: Record<string, string> = { 'if-match': '"v0"' }, ruleId = 'errors-per-cdn') =>
    callHttp(playerApi(deps).updateAlertRule, { user: admin, path: { ruleId }, body, headers });
  const thresholds = { raiseAbove: 0.2, clearBelow: 0.1, minAttempts: 5, windowMinutes: 15 };

  it('lists the configured rules at version 0, then an admin changes one behind If-Match and every reader sees it', async () => {
    expect((await callHttp(playerApi(deps).alertRules, { user: admin })).body).toEqual({ version: 0, rules: [rule] });
    expect(await put(thresholds, {})).toMatchObject({ status: 428, body: { error: 'if_match_required' } });
    expect(await put({ ...thresholds, clearBelow: 0.2 })).toMatchObject({ status: 400 });
    expect(JSON.stringify((await put({ ...thresholds, clearBelow: 0.2 })).body)).toContain('clearBelow must be lower than raiseAbove');
    expect(await put({ ...thresholds, raiseAbove: 2 })).toMatchObject({ status: 400 });
    expect(await put(thresholds, undefined, 'no-such-rule')).toMatchObject({ status: 404 });
    expect(await put(thresholds)).toMatchObject({ status: 200, body: { version: 1, rule: { ...rule, ...thresholds } }, headers: { etag: '"v1"' } });
    expect(await put({ ...thresholds, minAttempts: 9 })).toMatchObject({ status: 412 });
    expect((await callHttp(playerApi(deps).alertRules, { user: admin })).body).toEqual({ version: 1, rules: [{ ...rule, ...thresholds }] });
    expect((await fixture.store.readStream('qos-alert-rules')).events.map((e) => e.type)).toEqual(['QoeAlertRuleSetChanged']);
  });
});

describe('GET /qos/alerts?history=true', () => {
  it('gives each alert its raise and resolve transitions from its stream', async () => {
    const answer = await callHttp(playerApi(deps).alerts, { user: admin, query: { status: 'open', history: 'true' } });
    expect(answer.body).toMatchObject({ items: [{ dimensionValue: 'cdn-b', history: [{ type: 'QoeAlertRaised', at: expect.any(String), value: 1, threshold: 0.3 }] }] });
  });
});
