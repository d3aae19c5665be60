import type { LocalCloud } from '../../../local/cloud';
import { observePutEvents, type BusEntry } from '../../../test/busEntries';
import { startE2eStack, type E2eStack } from '../../../test/e2eStack';

/**
 * The scheduled alert evaluation on the real serverless.yml: traffic raises an error-ratio alert, the traffic
 * stops, and the `schedule` rule (fired every second here through SHOWRUNNER_SCHEDULE_PERIOD_MS's setting)
 * resolves it, once, with no new event posted. The sessions are dated so that they leave the rule's 10-minute
 * window seconds after the raise, instead of ten minutes later.
 */
describe('an alert whose traffic stops', () => {
  let stack: E2eStack;
  let cloud: LocalCloud;
  let adminToken: string;
  const busEntries: BusEntry[] = [];
  const scheduledRuns: unknown[] = [];

  const get = async <T>(path: string): Promise<T | undefined> => {
    const response = await fetch(`${cloud.endpoints.api}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
    // A cold start on a loaded machine can time out (503): the caller asks again.
    return response.status === 200 ? ((await response.json()) as T) : undefined;
  };
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, seconds: number): Promise<T> => {
    for (let i = 0; ; i += 1) {
      const value = await read();
      if (done(value) || i >= seconds * 4) return value;
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  beforeAll(async () => {
    stack = await startE2eStack('qos-schedule', { schedulePeriodMs: 1000 });
    cloud = stack.cloud;
    adminToken = await stack.token('ops-1', ['admin']);
    observePutEvents(cloud, (type) => type.startsWith('QoeAlert'), busEntries);
    const runtime = cloud.runtime;
    const invoke = runtime.invoke.bind(runtime);
    runtime.invoke = async (name, event, options) => {
      if (name.endsWith('-evaluateQosAlerts')) scheduledRuns.push(event);
      return invoke(name, event, options);
    };
  }, 120_000);

  afterAll(async () => {
    await stack.stop();
  }, 120_000);

  it('is raised by the traffic, then resolved once by the schedule with no new event', async () => {
    const cdn = `cdn-quiet-${Date.now()}`;
    // errors-per-cdn: 10-minute window, raised above 5% of at least 20 attempts. These sessions leave the window
    // 30 s from now: time enough for the stream to raise the alert first (a few seconds with cold starts; the
    // suite runs alone in CI's one jest worker), and not a minute of the test run spent waiting.
    const attempted = Date.now() - 10 * 60_000 + 30_000;
    const ts = (ms: number) => new Date(attempted + ms).toISOString();
    const sessions = Array.from({ length: 20 }, (_, i) => {
      const sid = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
      const failed = i < 5;
      return failed
        ? [{ type: 'play_attempt', sid, seq: 0, ts: ts(0), cid: 'show-quiet', cdn }, { type: 'error', sid, seq: 1, ts: ts(1000), cid: 'show-quiet', cdn, fatal: true }]
        : [{ type: 'play_attempt', sid, seq: 0, ts: ts(0), cid: 'show-quiet', cdn }, { type: 'first_frame', sid, seq: 1, ts: ts(800), cid: 'show-quiet', cdn, br: 3000 }];
    }).flat();
    const posted = await fetch(`${cloud.endpoints.api}/qos/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sessions) });
    expect(((await posted.json()) as { acceptedCount: number }).acceptedCount).toBe(sessions.length);

    type Alerts = { items: { dimensionValue: string; status: string; value: number; transitions: number; published: boolean }[] };
    const alertOf = (status: 'open' | 'resolved') => async () => (await get<Alerts>(`/qos/alerts?status=${status}`))?.items.find((a) => a.dimensionValue === cdn);
    expect(await eventually(alertOf('open'), (a) => a?.published === true, 30)).toMatchObject({ status: 'open', value: 0.25, transitions: 1 });

    // Nothing more is posted. The window empties and a scheduled run resolves the alert.
    const resolved = await eventually(alertOf('resolved'), (a) => a?.published === true, 90);
    expect(resolved).toMatchObject({ status: 'resolved', value: 0, transitions: 2 });
    // More scheduled runs after the resolve change nothing.
    const runsAtResolve = scheduledRuns.length;
    await eventually(async () => scheduledRuns.length, (n) => n >= runsAtResolve + 3, 30);
    // The alerts are stored facts; the outbox publisher puts them on the bus moments later (later on a loaded machine).
    const busAlert = ({ detailType, detail }: BusEntry) => ({ type: detailType, ...(detail as { data: { dimensionValue: string; value: number } }).data });
    const mine = () => busEntries.map(busAlert).filter((e) => e.dimensionValue === cdn).map(({ type, dimensionValue, value }) => ({ type, dimensionValue, value }));
    await eventually(async () => mine().length, (n) => n >= 2, 60);
    await cloud.eventBridge.idle();
    expect(mine()).toEqual([
      { type: 'QoeAlertRaised', dimensionValue: cdn, value: 0.25 },
      { type: 'QoeAlertResolved', dimensionValue: cdn, value: 0 },
    ]);
    expect(scheduledRuns[0]).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', resources: ['arn:aws:events:eu-west-1:000000000000:rule/showrunner-dev-evaluateQosAlerts-schedule-1'] });
  }, 240_000);
});
