import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { streamEventOf } from '../../../adapters/streams/testing/streamEventOf';
import { callHttp } from '../../http/testing/request';
import { sessionsOnLocalTables } from './testing/sessionsOnLocalTables';

/**
 * The viewer sessions functions over their ports, on real DynamoDB Local tables and a fixed clock, no stack:
 * ingest's admission answers, the projector fed the log as its stream delivers it, both read routes' answers and
 * the 400s of their validation.
 */
const now = '2026-03-01T10:00:00.000Z';
const ago = (minutes: number) => new Date(Date.parse(now) - minutes * 60_000).toISOString().replace('Z', '123');
const sid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const alice = 'a1'.repeat(16);

const sessions = sessionsOnLocalTables(now);
const { db } = sessions;

describe('POST /sessions/events', () => {
  it('answers per event what was accepted and what was wrong, and appends only the accepted', async () => {
    const answer = await callHttp(sessions.api.ingest, {
      requestId: 'batch-1',
      body: [
        { event: 'start', country: 'pt', player_id: alice, session_id: sid(1), ts: ago(50) },
        { event: 'end', player_id: alice, session_id: sid(1), ts: ago(40) },
        { event: 'start', country: 'PT', player_id: alice, session_id: sid(2), ts: ago(10) },
        { event: 'start', country: 'PT', player_id: 'not-a-player', session_id: sid(3), ts: ago(10) },
        { event: 'start', country: 'PT', player_id: alice, session_id: sid(3), ts: '2020-01-01T00:00:00.000000' },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ acceptedCount: 3, failedCount: 2 });
    expect((answer.body?.results as { status: string; error?: string }[]).map((r) => r.error ?? r.status)).toEqual(['accepted', 'accepted', 'accepted', 'invalid_event', 'too_old']);
    const log = await db.send(new ScanCommand({ TableName: sessions.deps.tables.log }));
    expect(log.Items?.map((item) => [item.batchId, JSON.parse(String(item.facts)).length])).toEqual([['batch-1', 3]]);
  });

  it('refuses batches outside 1..10 events with a 400, appending nothing', async () => {
    expect((await callHttp(sessions.api.ingest, { body: [] })).status).toBe(400);
    expect((await callHttp(sessions.api.ingest, { body: Array.from({ length: 11 }, () => ({})) })).status).toBe(400);
    expect((await db.send(new ScanCommand({ TableName: sessions.deps.tables.log }))).Count).toBe(1);
  });
});

describe('the projector and the read routes', () => {
  beforeAll(async () => {
    const log = await db.send(new ScanCommand({ TableName: sessions.deps.tables.log }));
    expect(await sessions.api.project(streamEventOf(log.Items ?? []))).toEqual({ batchItemFailures: [] });
  });

  it('answers the completed sessions of a player', async () => {
    const answer = await callHttp(sessions.api.completed, { path: { player_id: alice.toUpperCase() } });
    expect(answer).toMatchObject({ status: 200, body: { count: 1, items: [{ session_id: sid(1), country: 'PT', start_ts: ago(50), end_ts: ago(40), completed: 1 }] } });
    expect((await callHttp(sessions.api.completed, { path: { player_id: 'xyz' } })).status).toBe(400);
  });

  it('answers the sessions started in a country in the last hours, newest first, as of the server clock or a given now', async () => {
    const lastHour = await callHttp(sessions.api.started, { path: { country: 'pt', hours: '1' } });
    expect(lastHour.status).toBe(200);
    expect((lastHour.body?.items as { session_id: string }[]).map((s) => s.session_id)).toEqual([sid(2), sid(1)]);
    const earlier = await callHttp(sessions.api.started, { path: { country: 'PT', hours: '1' }, query: { now: ago(30).replace('123', '') } });
    expect((earlier.body?.items as { session_id: string }[]).map((s) => s.session_id)).toEqual([sid(1)]);
  });

  it('refuses hours outside 1..24, a country that is not a code and a cursor it did not give out', async () => {
    const tooMany = await callHttp(sessions.api.started, { path: { country: 'PT', hours: '25' } });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('hours must be between 1 and 24');
    expect((await callHttp(sessions.api.started, { path: { country: 'PT', hours: '0' } })).status).toBe(400);
    expect((await callHttp(sessions.api.started, { path: { country: 'P1', hours: '1' } })).status).toBe(400);
    expect(await callHttp(sessions.api.started, { path: { country: 'PT', hours: '1' }, query: { cursor: 'not-ours' } })).toMatchObject({ status: 400, body: { error: 'invalid_cursor' } });
  });
});
