import { EventBridgeConfigError, EventBridgeValidationError } from './errors';
import { createEventBridgeService, type EventBridgeServiceOptions } from './service';
import type { EventBridgeEvent, LocalRule, RuleTarget } from './types';

const fixedNow = new Date('2026-03-01T12:34:56.789Z');

interface Delivered {
  target: RuleTarget;
  payload: unknown;
  event: EventBridgeEvent;
}

const setup = (rules: LocalRule[], overrides: Partial<EventBridgeServiceOptions> = {}) => {
  const delivered: Delivered[] = [];
  let counter = 0;
  const service = createEventBridgeService({
    region: 'us-east-1',
    accountId: '123456789012',
    buses: ['showrunner'],
    rules,
    deliver: async (target, payload, event) => {
      delivered.push({ target, payload, event });
    },
    now: () => fixedNow,
    newId: () => `event-${++counter}`,
    retry: { attempts: 3, firstDelayMs: 1 },
    ...overrides,
  });
  return { service, delivered };
};

const target = (id: string): RuleTarget => ({ id, arn: `arn:aws:lambda:us-east-1:123456789012:function:${id}` });
const rule = (name: string, eventPattern: unknown, extra: Partial<LocalRule> = {}): LocalRule => ({
  name,
  eventBusName: 'showrunner',
  eventPattern,
  targets: [target(name)],
  ...extra,
});
const entry = (extra: Record<string, unknown> = {}) => ({
  Source: 'showrunner.catalog',
  DetailType: 'ShowPublished',
  Detail: JSON.stringify({ showId: 's-1' }),
  EventBusName: 'showrunner',
  ...extra,
});

describe('PutEvents', () => {
  it('accepts good entries beside bad ones and reports each bad one as AWS does', async () => {
    const { service } = setup([]);
    const response = await service.putEvents([
      entry(),
      entry({ Source: undefined }),
      entry({ DetailType: '' }),
      entry({ Detail: undefined }),
      entry({ Detail: '{"unclosed":' }),
      entry({ Detail: '[1,2]' }),
      entry(),
    ]);
    expect(response).toEqual({
      FailedEntryCount: 5,
      Entries: [
        { EventId: 'event-1' },
        { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
        { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
        { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
        { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
        { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
        { EventId: 'event-2' },
      ],
    });
  });

  it('refuses a request of more than 10 entries, or none, as a whole', async () => {
    const { service, delivered } = setup([rule('all', { source: [{ prefix: '' }] })]);
    await expect(service.putEvents(Array.from({ length: 11 }, () => entry()))).rejects.toThrow(EventBridgeValidationError);
    await expect(service.putEvents([])).rejects.toThrow('Member must have length greater than or equal to 1');
    await service.idle();
    expect(delivered).toHaveLength(0);
  });

  it('refuses a request whose entries exceed 256 KB as a whole, counting as AWS does', async () => {
    const { service } = setup([]);
    const detailOfSize = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(bytes - 10) });
    const fixedPart = 'showrunner.catalog'.length + 'ShowPublished'.length;
    await expect(service.putEvents([entry({ Detail: detailOfSize(256 * 1024 - fixedPart) })])).resolves.toMatchObject({ FailedEntryCount: 0 });
    await expect(service.putEvents([entry({ Detail: detailOfSize(256 * 1024 - fixedPart + 1) })])).rejects.toThrow(
      'Total size of the entries in the request is over the limit',
    );
  });

  it('delivers the event in AWS shape, after the response', async () => {
    const { service, delivered } = setup([rule('published', { 'detail-type': ['ShowPublished'] })]);
    const response = await service.putEvents([entry({ Resources: ['arn:aws:s3:::media/show-1'] })]);
    expect(delivered).toHaveLength(0);
    await service.idle();
    expect(response.Entries).toEqual([{ EventId: 'event-1' }]);
    expect(delivered).toEqual([
      {
        target: target('published'),
        payload: delivered[0]?.event,
        event: {
          version: '0',
          id: 'event-1',
          'detail-type': 'ShowPublished',
          source: 'showrunner.catalog',
          account: '123456789012',
          time: '2026-03-01T12:34:56Z',
          region: 'us-east-1',
          resources: ['arn:aws:s3:::media/show-1'],
          detail: { showId: 's-1' },
        },
      },
    ]);
  });

  it('keeps the entry Time, given as a Date, ISO text or epoch seconds', async () => {
    const { service, delivered } = setup([rule('all', { source: ['showrunner.catalog'] })]);
    await service.putEvents([
      entry({ Time: new Date('2020-01-02T03:04:05Z') }),
      entry({ Time: '2021-01-02T03:04:05.999Z' }),
      entry({ Time: 1_700_000_000 }),
    ]);
    await service.idle();
    expect(delivered.map((d) => d.event.time).sort()).toEqual(['2020-01-02T03:04:05Z', '2021-01-02T03:04:05Z', '2023-11-14T22:13:20Z']);
  });

  it('routes by exact bus name or ARN, and to the default bus when none is given', async () => {
    const { service, delivered } = setup([
      rule('on-custom', { source: ['showrunner.catalog'] }),
      rule('on-default', { source: ['showrunner.catalog'] }, { eventBusName: 'default' }),
    ]);
    const unknownBuses: string[] = [];
    const quiet = setup([rule('on-custom', { source: ['showrunner.catalog'] })], { onUnknownBus: (name) => unknownBuses.push(name) });
    await service.putEvents([
      entry(),
      entry({ EventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/showrunner' }),
      entry({ EventBusName: undefined }),
    ]);
    const misrouted = await quiet.service.putEvents([entry({ EventBusName: 'showrunner-dev' }), entry({ EventBusName: 'showrun' })]);
    await Promise.all([service.idle(), quiet.service.idle()]);
    expect(delivered.map((d) => d.target.id).sort()).toEqual(['on-custom', 'on-custom', 'on-default']);
    // AWS accepts entries for a bus that does not exist and drops them; we do too, and say so.
    expect(misrouted.FailedEntryCount).toBe(0);
    expect(quiet.delivered).toHaveLength(0);
    expect(unknownBuses).toEqual(['showrunner-dev', 'showrun']);
  });

  it('skips disabled rules and delivers to every target of every matching rule', async () => {
    const { service, delivered } = setup([
      rule('a', { source: ['showrunner.catalog'] }, { targets: [target('a1'), target('a2')] }),
      rule('b', { detail: { showId: [{ prefix: 's-' }] } }),
      rule('off', { source: ['showrunner.catalog'] }, { state: 'DISABLED' }),
      rule('other', { source: ['showrunner.payments'] }),
    ]);
    await service.putEvents([entry()]);
    await service.idle();
    expect(delivered.map((d) => d.target.id).sort()).toEqual(['a1', 'a2', 'b']);
  });

  it('gives targets Input, InputPath and InputTransformer payloads', async () => {
    const { service, delivered } = setup([
      rule('shaped', { source: ['showrunner.catalog'] }, {
        targets: [
          { ...target('constant'), input: '{"kind":"constant"}' },
          { ...target('path'), inputPath: '$.detail' },
          { ...target('template'), inputTransformer: { inputPathsMap: { show: '$.detail.showId' }, inputTemplate: '{"show": <show>, "rule": "<aws.events.rule-name>"}' } },
        ],
      }),
    ]);
    await service.putEvents([entry()]);
    await service.idle();
    const byId = Object.fromEntries(delivered.map((d) => [d.target.id, d.payload]));
    expect(byId).toEqual({ constant: { kind: 'constant' }, path: { showId: 's-1' }, template: { show: 's-1', rule: 'shaped' } });
  });

  it('retries a failing delivery with backoff, then reports it', async () => {
    const attempts: number[] = [];
    const failures: { target: string; event: string; error: unknown }[] = [];
    const { service } = setup([rule('flaky', { source: ['showrunner.catalog'] })], {
      deliver: async () => {
        attempts.push(Date.now());
        throw new Error('function crashed');
      },
      onDeliveryFailure: (failed, event, error) => failures.push({ target: failed.id, event: event.id, error }),
      retry: { attempts: 3, firstDelayMs: 20 },
    });
    await service.putEvents([entry()]);
    await service.idle();
    expect(attempts).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = attempts;
    expect(second - first).toBeGreaterThanOrEqual(19);
    expect(third - second).toBeGreaterThanOrEqual(39);
    expect(failures).toEqual([{ target: 'flaky', event: 'event-1', error: new Error('function crashed') }]);
  });

  it('delivers after a transient failure without reporting it', async () => {
    let calls = 0;
    const failures: unknown[] = [];
    const { service } = setup([rule('flaky', { source: ['showrunner.catalog'] })], {
      deliver: async () => {
        if (++calls === 1) throw new Error('cold start timeout');
      },
      onDeliveryFailure: (...args) => failures.push(args),
    });
    await service.putEvents([entry()]);
    await service.idle();
    expect(calls).toBe(2);
    expect(failures).toEqual([]);
  });
});

describe('delivery queue', () => {
  it('gives each target its own copy of the event', async () => {
    const seen: unknown[] = [];
    const { service } = setup([rule('all', { source: ['showrunner.catalog'] }, { targets: [target('t1'), target('t2')] })], {
      maxConcurrentDeliveries: 1,
      deliver: async (_target, payload) => {
        seen.push(structuredClone(payload));
        (payload as { detail: { showId: string } }).detail.showId = 'mutated';
      },
    });
    await service.putEvents([entry()]);
    await service.idle();
    expect(seen).toEqual([expect.objectContaining({ detail: { showId: 's-1' } }), expect.objectContaining({ detail: { showId: 's-1' } })]);
  });

  it('runs deliveries in order with bounded concurrency, even for a burst that never yields', async () => {
    let running = 0;
    let peak = 0;
    const started: string[] = [];
    const { service } = setup([rule('all', { source: ['showrunner.catalog'] }, { targets: [target('t1'), target('t2')] })], {
      maxConcurrentDeliveries: 4,
      deliver: async (_target, _payload, event) => {
        started.push(event.id);
        peak = Math.max(peak, ++running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
      },
    });
    for (let i = 0; i < 20; i++) await service.putEvents([entry(), entry()]);
    expect(started).toEqual([]);
    await service.idle();
    expect(started).toHaveLength(80);
    expect(peak).toBe(4);
    expect(started.slice(0, 4)).toEqual(['event-1', 'event-1', 'event-2', 'event-2']);
  });

  it('is idle at once when nothing was delivered', async () => {
    const { service } = setup([]);
    await expect(service.idle()).resolves.toBeUndefined();
  });
});

describe('configuration', () => {
  it('refuses a rule whose pattern AWS would refuse, naming the rule', () => {
    expect(() => setup([rule('bad', { source: 'showrunner.catalog' })])).toThrow(EventBridgeConfigError);
    expect(() => setup([rule('bad', { source: 'showrunner.catalog' })])).toThrow(
      'Rule bad on bus showrunner: Event pattern is not valid. Reason: "source" must be an object or an array',
    );
  });

  it('refuses a rule whose pattern is longer than any account may deploy (4096 characters), saying what to do', () => {
    const values = Array.from({ length: 400 }, (_, i) => `showrunner.area-${i}`);
    expect(() => setup([rule('long', { source: values })])).toThrow(/Rule long on bus showrunner: its event pattern is \d+ characters; AWS refuses more than 4096.*Split it/);
    expect(() => setup([rule('fits', { source: values.slice(0, 100) })])).not.toThrow();
  });

  it('refuses a rule on an undeclared bus and a rule declared twice', () => {
    expect(() => setup([rule('r', { source: ['x'] }, { eventBusName: 'nope' })])).toThrow('which is not declared');
    expect(() => setup([rule('r', { source: ['x'] }), rule('r', { source: ['y'] })])).toThrow('declared twice');
  });

  it('refuses target inputs PutTargets would refuse', () => {
    const withTarget = (extra: Partial<RuleTarget>) => () => setup([rule('r', { source: ['x'] }, { targets: [{ ...target('t'), ...extra }] })]);
    expect(withTarget({ inputPath: 'detail' })).toThrow('JSONPath detail is not supported');
    expect(withTarget({ inputTransformer: { inputPathsMap: { 'aws.events.rule-name': '$.source' }, inputTemplate: '<x>' } })).toThrow('predefined variable');
    expect(withTarget({ input: '{}', inputPath: '$.detail' })).toThrow('set only one of Input, InputPath and InputTransformer');
  });

  it('refuses a malformed rule', () => {
    const malformed = { name: 'r', eventBusName: 'showrunner', eventPattern: { source: ['x'] }, targets: [{ id: 'only-id' }] };
    expect(() => setup([malformed as unknown as LocalRule])).toThrow('Local EventBridge rule r is malformed');
  });
});
