import type { LocalCloud } from '../../../local/cloud';
import { startE2eStack, type E2eStack } from '../../../test/e2eStack';

/**
 * The sessions API end to end on the real serverless.yml: POST raw events through the local HTTP API, the
 * stream-fed projector, then both read routes, against answers computed by hand below.
 */
describe('viewer sessions through the local API', () => {
  let stack: E2eStack;
  let cloud: LocalCloud;
  const alice = 'a1'.repeat(16);
  const bob = 'b2'.repeat(16);
  const sid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const post = async (events: unknown[]) => {
    const response = await fetch(`${cloud.endpoints.api}/sessions/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
    return { status: response.status, body: (await response.json()) as { acceptedCount: number; failedCount: number; results: { status: string; error?: string }[] } };
  };
  const get = async (path: string) => {
    const response = await fetch(`${cloud.endpoints.api}${path}`);
    return { status: response.status, body: (await response.json()) as { items: { session_id: string }[]; count: number; next?: string; error?: string } };
  };
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let i = 0; ; i += 1) {
      const value = await read();
      if (done(value) || i > 100) return value;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    stack = await startE2eStack('sessions');
    cloud = stack.cloud;
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
  }, 120_000);

  it('projects out-of-order, duplicated, country-less and late events into both read routes as computed by hand', async () => {
    const now = new Date().toISOString().slice(0, 19);
    const ago = (minutes: number) => new Date(Date.parse(`${now}Z`) - minutes * 60_000).toISOString().replace('Z', '').concat('123');
    // 1: end first, then start (out of order). 2: start, end, then the same start again late (must not reset).
    // 3: start and end duplicated. 4: start only (incomplete). 5: bob's, in ES. 6: end only, never started.
    const first = await post([
      { event: 'end', player_id: alice, session_id: sid(1), ts: ago(50) },
      { event: 'start', country: 'PT', player_id: alice, session_id: sid(2), ts: ago(40) },
      { event: 'end', player_id: alice, session_id: sid(2), ts: ago(35) },
      { event: 'start', country: 'pt', player_id: alice, session_id: sid(3), ts: ago(30) },
      { event: 'start', country: 'PT', player_id: 'not-a-player', session_id: sid(9), ts: ago(30) },
      { event: 'start', country: 'PT', player_id: alice, session_id: sid(9), ts: '2020-01-01T00:00:00.000000' },
    ]);
    expect(first).toEqual({
      status: 200,
      body: expect.objectContaining({ acceptedCount: 4, failedCount: 2 }),
    });
    expect(first.body.results.map((r) => r.error ?? r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'invalid_event', 'too_old']);
    await post([
      { event: 'start', country: 'PT', player_id: alice, session_id: sid(1), ts: ago(55) },
      { event: 'end', player_id: alice, session_id: sid(3), ts: ago(20) },
      { event: 'end', player_id: alice, session_id: sid(3), ts: ago(20) },
      { event: 'start', country: 'PT', player_id: alice, session_id: sid(3), ts: ago(30) },
      { event: 'start', country: 'PT', player_id: alice, session_id: sid(2), ts: ago(40) },
      { event: 'start', country: 'PT', player_id: alice, session_id: sid(4), ts: ago(10) },
      { event: 'start', country: 'ES', player_id: bob, session_id: sid(5), ts: ago(5) },
      { event: 'end', player_id: bob, session_id: sid(6), ts: ago(5) },
    ]);

    const completed = await eventually(() => get(`/models/completed-sessions/${alice}`), (r) => r.body.count === 3);
    expect(completed.status).toBe(200);
    expect(completed.body).toEqual({
      count: 3,
      items: [
        { session_id: sid(3), player_id: alice, country: 'PT', start_ts: ago(30), end_ts: ago(20), completed: 1 },
        { session_id: sid(2), player_id: alice, country: 'PT', start_ts: ago(40), end_ts: ago(35), completed: 1 },
        { session_id: sid(1), player_id: alice, country: 'PT', start_ts: ago(55), end_ts: ago(50), completed: 1 },
      ],
    });
    expect((await get(`/models/completed-sessions/${bob}`)).body).toEqual({ items: [], count: 0 });

    const lastHour = await eventually(() => get(`/models/started_sessions/PT/1?now=${now}`), (r) => r.body.count === 4);
    expect(lastHour.body.items.map((item) => item.session_id)).toEqual([sid(4), sid(3), sid(2), sid(1)]);
    const lastHalfHour = await get(`/models/started_sessions/pt/1?now=${new Date(Date.parse(`${now}Z`) - 20 * 60_000).toISOString()}`);
    expect(lastHalfHour.body.items.map((item) => item.session_id)).toEqual([sid(3), sid(2), sid(1)]);

    const pages: string[] = [];
    let next: string | undefined;
    do {
      const page = await get(`/models/started_sessions/PT/2?now=${now}&limit=3${next === undefined ? '' : `&cursor=${next}`}`);
      pages.push(page.body.items.map((item) => item.session_id).join());
      next = page.body.next;
    } while (next !== undefined);
    expect(pages.join('|').replace(/\|+$/, '')).toMatch(new RegExp(`^${sid(4)},${sid(3)},${sid(2)}\\|${sid(1)}`));
  }, 60_000);

  it('refuses hours outside 1..24 and batches outside 1..10 with a 400 that says so', async () => {
    const tooMany = await get('/models/started_sessions/PT/25');
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('hours must be between 1 and 24');
    expect((await get('/models/started_sessions/PT/0')).status).toBe(400);
    expect((await post([])).status).toBe(400);
    expect((await post(Array.from({ length: 11 }, () => ({})))).status).toBe(400);
  });
});
