import { fiveSessionsQoe } from '../../../domain/qos/testing/fiveSessionsQoe';
import type { LocalCloud } from '../../../local/cloud';
import { observePutEvents, type BusEntry } from '../../../test/busEntries';
import { startE2eStack, type E2eStack } from '../../../test/e2eStack';

/**
 * Player QoS end to end on the real serverless.yml: POST /qos/events through the local HTTP API, the stream-fed
 * projector, GET /qos/metrics against hand-computed values, and one alert raised once and resolved once on the
 * bus (the local EventBridge's requests are observed, not replaced).
 */
describe('player QoS through the local API', () => {
  let stack: E2eStack;
  let cloud: LocalCloud;
  let adminToken: string;
  const busEntries: BusEntry[] = [];
  let sidCounter = 0;
  const newSid = () => `00000000-0000-4000-8000-${String((sidCounter += 1)).padStart(12, '0')}`;
  const at = (base: number, ms: number) => new Date(base + ms).toISOString();

  const post = async (events: unknown[], headers: Record<string, string> = {}) => {
    const response = await fetch(`${cloud.endpoints.api}/qos/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(events) });
    return { status: response.status, body: (await response.json()) as { acceptedCount: number; failedCount: number; results: { status: string; error?: string; details?: { path: string }[] }[] } };
  };
  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${cloud.endpoints.api}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
    return { status: response.status, body: (await response.json()) as T };
  };
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let i = 0; ; i += 1) {
      const value = await read();
      if (done(value) || i > 150) return value;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    stack = await startE2eStack('qos');
    cloud = stack.cloud;
    adminToken = await stack.token('ops-1', ['admin']);
    observePutEvents(cloud, (type) => type.startsWith('QoeAlert'), busEntries);
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
  }, 120_000);

  type Metrics = { total: Record<string, unknown>; buckets: { start: string; metrics: { attempts: number } }[] };

  it('answers per event, keeps the good events beside bad ones, takes the country from the edge, and computes each metric as by hand', async () => {
    const t0 = Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60_000;
    const cid = `show-${Date.now()}`;
    const session = (cdn: string, steps: [number, string, Record<string, unknown>?][]) => {
      const sid = newSid();
      return steps.map(([ms, type, extra], seq) => ({ type, sid, seq, ts: at(t0, ms), cid, cdn, country: 'PT', sf: 'h', st: 'v', ...extra }));
    };
    // The fixture of domain/qos/qoe.test.ts: s1 plays 28 s (18 s at 3000 kbps, 10 s at 6000) with a 2 s stall; s2's
    // stall is inside a seek; s3 leaves before the first frame; s4 fails to start; s5 fails after 4 s of play.
    const s1 = session('cdn-a', [[0, 'play_attempt'], [1000, 'first_frame', { br: 3000 }], [11000, 'stall_start', { bs: true }], [13000, 'stall_end'], [21000, 'bitrate_change', { br: 6000 }], [31000, 'end']]);
    const s2 = session('cdn-a', [[0, 'play_attempt'], [3000, 'first_frame', { br: 2000 }], [5000, 'seek'], [5500, 'stall_start'], [7000, 'stall_end'], [10000, 'end']]);
    const s3 = session('cdn-b', [[0, 'play_attempt'], [4000, 'end']]);
    const s4 = session('cdn-b', [[0, 'play_attempt'], [2000, 'error', { fatal: true, code: 'MANIFEST_404' }]]);
    const s5 = session('cdn-b', [[0, 'play_attempt'], [2000, 'first_frame', { br: 1000 }], [6000, 'error', { fatal: true }]]);
    const bad = [{ ...s1[0], sid: 'not-a-uuid' }, { ...s1[0], type: 'teleport' }, { ...s1[0], ts: '2020-01-01T00:00:00Z' }];
    // Out of order and duplicated across two requests, bad events in the middle; the edge says the viewer is in ES.
    const first = await post([...(s1.slice(3)), ...bad, ...s2, ...s3, ...(s4.slice(1))], { 'cloudfront-viewer-country': 'es' });
    expect(first.status).toBe(200);
    expect(first.body.results.slice(3, 6).map((r) => r.error)).toEqual(['invalid_event', 'invalid_event', 'too_old']);
    expect(first.body.results[3]?.details?.[0]?.path).toBe('sid');
    expect(first.body).toMatchObject({ acceptedCount: 3 + 6 + 2 + 1, failedCount: 3 });
    await post([...s1, ...s4, ...s5, ...s1.slice(0, 2)]);

    const query = `/qos/metrics?dimension=show&value=${cid}&from=${at(t0, -60_000)}&to=${at(t0, 9000)}`;
    const answer = await eventually(() => get<Metrics>(query), (r) => r.body.total?.attempts === 5 && r.body.total.plays === 3);
    expect(answer.status).toBe(200);
    expect(answer.body.total).toEqual(fiveSessionsQoe);
    expect(answer.body.buckets.reduce((sum, b) => sum + b.metrics.attempts, 0)).toBe(5);
    // The first request came through the edge in ES: s2 and s3 were wholly in it; s1's and s4's first events
    // (the ones a session's country is taken from) came in the second request, whose payload says PT.
    const byCountry = await get<Metrics>(`/qos/metrics?dimension=country&value=ES&from=${at(t0, -60_000)}&to=${at(t0, 60_000)}`);
    expect(byCountry.body.total).toMatchObject({ attempts: 2, plays: 1, exitsBeforeVideoStart: 1 });
    const cdnB = await get<Metrics>(`/qos/metrics?dimension=cdn&value=cdn-b&from=${at(t0, -60_000)}&to=${at(t0, 60_000)}`);
    expect(cdnB.body.total).toMatchObject({ attempts: 3, plays: 1, exitsBeforeVideoStart: 1, videoStartFailures: 1, videoPlaybackFailures: 1 });
    expect((await get(`/qos/metrics?dimension=planet&value=x`)).status).toBe(400);
  }, 90_000);

  it('raises an error-ratio alert once and resolves it once, through a hovering middle, on the bus and GET /qos/alerts', async () => {
    const cdn = `cdn-e2e-${Date.now()}`;
    const base = Date.now() - 60_000;
    const good = (n: number) =>
      Array.from({ length: n }, () => {
        const sid = newSid();
        return [['play_attempt', 0], ['first_frame', 800], ['end', 20_000]].map(([type, ms], seq) => ({ type, sid, seq, ts: at(base, Number(ms)), cid: 'show-alerts', cdn, br: 3000 }));
      }).flat();
    const failed = (n: number) =>
      Array.from({ length: n }, () => {
        const sid = newSid();
        return [{ type: 'play_attempt', sid, seq: 0, ts: at(base, 0), cid: 'show-alerts', cdn }, { type: 'error', sid, seq: 1, ts: at(base, 1500), cid: 'show-alerts', cdn, fatal: true }];
      }).flat();
    type Alerts = { items: { ruleId: string; dimensionValue: string; status: string; value: number; transitions: number; published: boolean }[] };
    const alertOf = (status: 'open' | 'resolved') => async () => (await get<Alerts>(`/qos/alerts?status=${status}`)).body.items.find((a) => a.dimensionValue === cdn);
    const attemptsOnCdn = async () => (await get<Metrics>(`/qos/metrics?dimension=cdn&value=${cdn}&from=${at(base, -60_000)}`)).body.total?.attempts;

    // 4 failed of 20 (0.2 > 0.05): raised.
    expect((await post([...failed(4), ...good(16)])).body.failedCount).toBe(0);
    const open = await eventually(alertOf('open'), (a) => a?.published === true);
    expect(open).toMatchObject({ ruleId: 'errors-per-cdn', status: 'open', value: 0.2, transitions: 1 });
    // 4 of 150 (0.027): between clear (0.02) and raise: nothing changes.
    await post(good(130));
    await eventually(attemptsOnCdn, (n) => n === 150);
    expect(await alertOf('open')()).toMatchObject({ status: 'open', transitions: 1 });
    // 4 of 250 (0.016 < 0.02): resolved.
    await post(good(100));
    const resolved = await eventually(alertOf('resolved'), (a) => a?.published === true);
    expect(resolved).toMatchObject({ status: 'resolved', value: 4 / 250, transitions: 2 });
    await post(good(60));
    await eventually(attemptsOnCdn, (n) => n === 310);

    // `published` marks the fact stored for the outbox; the publisher puts it on the bus moments later.
    const alertData = (e: BusEntry) => (e.detail as { data: { ruleId: string; dimensionValue: string } }).data;
    const mine = () => busEntries.filter((e) => alertData(e).dimensionValue === cdn).map((e) => `${e.detailType}:${alertData(e).ruleId}`);
    await eventually(async () => mine(), (types) => types.length >= 2);
    await cloud.eventBridge.idle();
    expect(mine()).toEqual(['QoeAlertRaised:errors-per-cdn', 'QoeAlertResolved:errors-per-cdn']);
  }, 120_000);
});
