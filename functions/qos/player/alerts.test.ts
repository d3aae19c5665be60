import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { createStoreFixture, type StoreFixture } from '../../../adapters/eventstore/testing/storeFixture';
import { checkAlertRule, type AlertRule, type PlayerEvent } from '../../../domain/qos';
import { alertKeyOf, alertStreamId } from '../../../domain/qos';
import { loadServerlessConfig } from '../../../local/config';
import { alertsToReevaluate, loadAlert, saveAlertState } from './alertStore';
import { recordAlertDecision } from './alertTransitions';
import type { PlayerTables } from './config';
import { evaluateAlerts, reevaluateAlerts, type AlertEvaluation } from './evaluateAlerts';
import { summariesIn } from './playerStore';
import { projectPlayerEvents } from './projectEvents';

/**
 * Alert evaluation against the real DynamoDB Local, on tables made from serverless.yml's own definitions: the
 * scheduled re-evaluation resolves an alert whose traffic stopped, once, however it races the stream-driven one.
 */
describe('QoE alerts re-evaluated on a schedule', () => {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  const suffix = randomUUID().slice(0, 8);
  const tables: PlayerTables = { log: 'unused', sessions: `playback-sessions-${suffix}`, alerts: `qos-alerts-${suffix}`, rollups: 'unused' };
  const rule: AlertRule = checkAlertRule({ id: 'errors-per-cdn', metric: 'errorRatio', dimension: 'cdn', raiseAbove: 0.1, clearBelow: 0.05, minAttempts: 2, windowMinutes: 10 });
  let fixture: StoreFixture;
  let deps: AlertEvaluation;
  const base = Date.parse('2026-03-01T10:00:00.000Z');
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
  let sidCounter = 0;
  const sid = () => `00000000-0000-4000-8000-${String((sidCounter += 1)).padStart(12, '0')}`;
  const failedSession = (cdn: string, minute: number): PlayerEvent[] => {
    const id = sid();
    return [
      { type: 'play_attempt', sid: id, seq: 0, ts: at(minute), cid: 'show-1', cdn },
      { type: 'error', sid: id, seq: 1, ts: at(minute + 0.1), cid: 'show-1', cdn, fatal: true },
    ];
  };
  const goodSession = (cdn: string, minute: number): PlayerEvent[] => {
    const id = sid();
    return [
      { type: 'play_attempt', sid: id, seq: 0, ts: at(minute), cid: 'show-1', cdn },
      { type: 'first_frame', sid: id, seq: 1, ts: at(minute + 0.05), cid: 'show-1', cdn },
    ];
  };
  const project = (events: PlayerEvent[]) => projectPlayerEvents(client, tables, { bucketMinutes: 5, retentionDays: 400 }, events);
  // What reaches the bus: the alert's stream in the event store, which only the outbox publisher reads.
  const streamOf = async (cdn: string) => (await fixture.store.readStream(alertStreamId(alertKeyOf(rule, cdn)))).events;
  const eventsFor = async (cdn: string) => (await streamOf(cdn)).map((e) => e.type);

  beforeAll(async () => {
    fixture = await createStoreFixture();
    deps = { client, tables, rules: [rule], bucketMinutes: 5, store: fixture.store };
    const service = await loadServerlessConfig({ serviceDir: join(__dirname, '..', '..', '..'), stage: 'dev' });
    const definition = (name: string): CreateTableCommandInput => {
      const table = service.tables.find((t) => t.TableName === `showrunner-dev-${name}`);
      if (table === undefined) throw new Error(`serverless.yml has no ${name} table`);
      return { ...table, TableName: `${name}-${suffix}`, StreamSpecification: undefined, TimeToLiveSpecification: undefined } as CreateTableCommandInput;
    };
    await client.send(new CreateTableCommand(definition('playback-sessions')));
    await client.send(new CreateTableCommand(definition('qos-alerts')));
  });

  afterAll(async () => {
    await fixture.dispose();
  });

  it('resolves an open alert once its window holds no session, with no new event, and only once', async () => {
    const cdn = 'cdn-quiet';
    const touched = await project([...failedSession(cdn, 0), ...failedSession(cdn, 1)]);
    await evaluateAlerts(deps, touched, at(2));
    expect(await eventsFor(cdn)).toEqual(['QoeAlertRaised']);
    // Inside the window the failures are still there: the schedule changes nothing.
    await reevaluateAlerts(deps, await alertsToReevaluate(client, tables, at(5)), at(5));
    expect(await eventsFor(cdn)).toEqual(['QoeAlertRaised']);
    // Past the window: resolved, by three schedule ticks racing each other and a stream-driven evaluation.
    const quiet = at(12);
    const open = await alertsToReevaluate(client, tables, quiet);
    expect(open.map((a) => a.alertKey)).toContain(`errors-per-cdn#${cdn}`);
    await Promise.all([
      reevaluateAlerts(deps, open, quiet),
      reevaluateAlerts(deps, open, quiet),
      reevaluateAlerts(deps, open, quiet),
      evaluateAlerts(deps, touched, quiet),
    ]);
    expect(await eventsFor(cdn)).toEqual(['QoeAlertRaised', 'QoeAlertResolved']);
    expect(await loadAlert(client, tables, rule, cdn)).toMatchObject({ status: 'resolved', value: 0, transitions: 2 });
    expect((await alertsToReevaluate(client, tables, quiet)).map((a) => a.alertKey)).not.toContain(`errors-per-cdn#${cdn}`);
  });

  it('raises, from the schedule, an alert whose good sessions age out of the window while its failures stay', async () => {
    const cdn = 'cdn-ageing';
    // Minute 0: 20 good sessions; minute 5: 2 failures. 2 of 22 is under the 10% to raise.
    const good = await project(Array.from({ length: 20 }, () => goodSession(cdn, 0)).flat());
    await evaluateAlerts(deps, good, at(0.5));
    const failures = await project([...failedSession(cdn, 5), ...failedSession(cdn, 5)]);
    await evaluateAlerts(deps, failures, at(5.5));
    expect(await eventsFor(cdn)).toEqual([]);
    const watchKey = `watch#errors-per-cdn#${cdn}`;
    expect((await alertsToReevaluate(client, tables, at(6))).map((a) => a.alertKey)).toContain(watchKey);
    // Watched until the failures leave the window; the table's TTL removes the item a day after that.
    const watch = (await client.send(new GetCommand({ TableName: tables.alerts, Key: { alertKey: watchKey } }))).Item;
    expect(watch).toMatchObject({ status: 'watching', changedAt: at(15.5), expiresAt: Date.parse(at(15.5)) / 1000 + 86_400 });
    // Minute 11: the good sessions have left the 10-minute window, the failures have not: 2 of 2. No session
    // arrives; the schedule raises it, once, however many ticks race.
    const ticks = await alertsToReevaluate(client, tables, at(11));
    await Promise.all([1, 2, 3].map(() => reevaluateAlerts(deps, ticks, at(11))));
    expect(await eventsFor(cdn)).toEqual(['QoeAlertRaised']);
    expect(await loadAlert(client, tables, rule, cdn)).toMatchObject({ status: 'open', value: 1 });
    // The watch ends with the failures' window (minute 5.5 + 10); the open alert stays on the schedule's list.
    const later = (await alertsToReevaluate(client, tables, at(16))).map((a) => a.alertKey);
    expect(later).not.toContain(watchKey);
    expect(later).toContain(`errors-per-cdn#${cdn}`);
  });

  it('puts nothing on the watch list for a value without failures', async () => {
    const cdn = 'cdn-healthy';
    await evaluateAlerts(deps, await project(Array.from({ length: 5 }, () => goodSession(cdn, 0)).flat()), at(0.5));
    expect((await alertsToReevaluate(client, tables, at(1))).map((a) => a.alertKey)).not.toContain(`watch#errors-per-cdn#${cdn}`);
  });

  it('repairs the read model of an evaluator that died between its append and its write, appending nothing twice', async () => {
    const cdn = 'cdn-crashed';
    // An evaluator recorded the raise in the store (so it is on its way to the bus) and died before the read model.
    await recordAlertDecision(fixture.store, rule, cdn, { type: 'QoeAlertRaised', value: 1 }, at(0), 0);
    expect(await loadAlert(client, tables, rule, cdn)).toBeUndefined();
    // The next evaluations of that value decide "raise" again, append nothing, and show the stream's state.
    const touched = await project([...failedSession(cdn, 0), ...failedSession(cdn, 0.5)]);
    await Promise.all([1, 2].map(() => evaluateAlerts(deps, touched, at(1))));
    expect(await eventsFor(cdn)).toEqual(['QoeAlertRaised']);
    expect(await loadAlert(client, tables, rule, cdn)).toMatchObject({ status: 'open', transitions: 1, changedAt: at(0) });
    // And the schedule then resolves it, once.
    const after = at(12);
    await Promise.all([1, 2, 3].map(async () => reevaluateAlerts(deps, await alertsToReevaluate(client, tables, after), after)));
    expect(await eventsFor(cdn)).toEqual(['QoeAlertRaised', 'QoeAlertResolved']);
    expect(await loadAlert(client, tables, rule, cdn)).toMatchObject({ status: 'resolved', transitions: 2 });
    // Each event once, with the playback context's contract and the store's envelope.
    expect((await streamOf(cdn)).map((e) => [e.version, e.context, e.schemaVersion])).toEqual([[1, 'playback', 1], [2, 'playback', 1]]);
  });

  it('leaves alerts of rules no longer configured as they are, and says so', async () => {
    const gone = checkAlertRule({ ...rule, id: 'retired-rule' });
    await saveAlertState(client, tables, gone, 'cdn-x', await recordAlertDecision(fixture.store, gone, 'cdn-x', { type: 'QoeAlertRaised', value: 1 }, at(0), 0));
    const result = await reevaluateAlerts(deps, [{ ruleId: 'retired-rule', dimensionValue: 'cdn-x' }], at(30));
    expect(result.unknownRules).toEqual(['retired-rule']);
    expect(await loadAlert(client, tables, gone, 'cdn-x')).toMatchObject({ status: 'open', transitions: 1 });
  });

  it('keeps CDNs whose names would collide in a "<value>#<bucket>" key apart, in the metrics and in the alerts', async () => {
    // "a#<bucket 10:00>" in bucket 10:05 and "a" in bucket 10:00 share every character but the bucket suffix.
    const tricky = 'cdn-a#2026-03-01T10:00';
    const touched = await project([...failedSession(tricky, 5), ...failedSession(tricky, 6)]);
    const plain = [{ type: 'play_attempt', sid: sid(), seq: 0, ts: at(0), cid: 'show-1', cdn: 'cdn-a' }] as PlayerEvent[];
    await project(plain);
    expect((await summariesIn(client, tables, 'cdn', 'cdn-a', '2026-03-01T10:00')).map((s) => s.cdn)).toEqual(['cdn-a']);
    expect((await summariesIn(client, tables, 'cdn', tricky, '2026-03-01T10:05')).map((s) => s.cdn)).toEqual([tricky, tricky]);
    expect(await summariesIn(client, tables, 'cdn', 'cdn-a#2026-03-01T10:00#2026-03-01T10', '2026-03-01T10:05')).toEqual([]);
    await evaluateAlerts(deps, touched, at(7));
    expect(await loadAlert(client, tables, rule, tricky)).toMatchObject({ status: 'open', dimensionValue: tricky });
    expect(await loadAlert(client, tables, rule, 'cdn-a')).toBeUndefined();
  });
});
