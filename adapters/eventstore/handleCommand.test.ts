import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CommandRefusedError } from '../../domain/decider';
import { createAggregateCache } from './aggregateCache';
import { createDynamoDbEventStore } from './eventStore';
import type { EventStore } from './eventStore';
import { handleCommand } from './handleCommand';
import { counterCodec, counterDecider, counterMetadata, counterStateSchema, type CounterCommand, type CounterState } from './testing/counter';
import { createStoreFixture, type StoreFixture } from './testing/storeFixture';

let fixture: StoreFixture;
beforeAll(async () => {
  fixture = await createStoreFixture();
});
afterAll(() => fixture.dispose());

const send = (streamId: string, command: CounterCommand, commandId: string, maxAttempts?: number) =>
  handleCommand({ store: fixture.store, decider: counterDecider, codec: counterCodec, streamId, command, commandId, metadata: counterMetadata, maxAttempts });

describe('handleCommand', () => {
  it('loads, decides and appends, returning the stored envelopes', async () => {
    await send('show#h1', { type: 'add', times: 2 }, 'a');
    const result = await send('show#h1', { type: 'reset' }, 'b');
    expect(result).toMatchObject({ nextExpectedVersion: 3, alreadyAppended: false });
    expect(result.events).toEqual([
      expect.objectContaining({ streamId: 'show#h1', version: 3, type: 'Reset', data: { from: 2 }, commandId: 'b', causationId: 'b', context: 'catalog' }),
    ]);
  });

  it('lets a refusal through unchanged and appends nothing', async () => {
    const refused = send('show#h2', { type: 'reset' }, 'r');
    await expect(refused).rejects.toThrow(CommandRefusedError);
    await expect(refused).rejects.toMatchObject({ code: 'already-zero' });
    expect((await fixture.store.readStream('show#h2')).events).toEqual([]);
  });

  it('gives up after its bounded attempts with the conflict', async () => {
    await send('show#h3', { type: 'add', times: 1 }, 'first');
    const racers = Array.from({ length: 8 }, (_, i) => send('show#h3', { type: 'add', times: 1 }, `racer-${i}`, 1));
    const outcomes = await Promise.allSettled(racers);
    const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(lost.length).toBeGreaterThan(0);
    for (const outcome of lost) expect(outcome.reason).toMatchObject({ name: 'WrongExpectedVersionError', streamId: 'show#h3' });
    const versions = (await fixture.store.readStream('show#h3')).events.map((event) => event.version);
    expect(versions).toEqual(Array.from({ length: 1 + 8 - lost.length }, (_, i) => i + 1));
  });

  it('with an expected version (If-Match), refuses a stale decision instead of re-deciding on newer state', async () => {
    const at = (commandId: string, expectedVersion: number) =>
      handleCommand({ store: fixture.store, decider: counterDecider, codec: counterCodec, streamId: 'show#h4', command: { type: 'add', times: 1 }, commandId, metadata: counterMetadata, expectedVersion });
    await send('show#h4', { type: 'add', times: 1 }, 'seed');
    const racers = await Promise.allSettled([at('edit-a', 1), at('edit-b', 1), at('edit-c', 1)]);
    expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const lost of racers.filter((r) => r.status === 'rejected')) {
      expect(lost.reason).toMatchObject({ name: 'WrongExpectedVersionError', expectedVersion: 1, actualVersion: 2 });
    }
    await expect(at('edit-d', 1)).rejects.toMatchObject({ name: 'WrongExpectedVersionError' });
    const winner = racers.findIndex((r) => r.status === 'fulfilled');
    await expect(at(['edit-a', 'edit-b', 'edit-c'][winner] ?? '', 1)).resolves.toMatchObject({ alreadyAppended: true, nextExpectedVersion: 2 });
    expect((await fixture.store.readStream('show#h4')).events.map((e) => e.version)).toEqual([1, 2]);
  });

  it('32 concurrent writers appending 20 times each to one stream: exactly 640 events, 1..640, none lost or doubled', async () => {
    const streamId = 'show#contended';
    // Each writer has its own client and store, like separate Lambda containers; snapshots keep loads short.
    const writer = async (w: number): Promise<number[]> => {
      const client = new DynamoDBClient({});
      const store = createDynamoDbEventStore({ client, tables: fixture.tables });
      const snapshots = { stateSchema: counterStateSchema, stateVersion: 'counter-1', every: 25 };
      const versions: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const command: CounterCommand = { type: 'add', times: 1 };
        const result = await handleCommand({ store, decider: counterDecider, codec: counterCodec, streamId, command, commandId: `w${w}-c${i}`, metadata: counterMetadata, snapshots, maxAttempts: 1_000 });
        versions.push(...result.events.map((event) => event.version));
      }
      client.destroy();
      return versions;
    };
    const acknowledged = (await Promise.all(Array.from({ length: 32 }, (_, w) => writer(w)))).flat();
    const stored = (await fixture.store.readStream(streamId)).events;
    expect(stored.map((event) => event.version)).toEqual(Array.from({ length: 640 }, (_, i) => i + 1));
    expect(new Set(stored.map((event) => event.commandId)).size).toBe(640);
    expect([...acknowledged].sort((a, b) => a - b)).toEqual(Array.from({ length: 640 }, (_, i) => i + 1));
    const snapshot = await fixture.store.readSnapshot(streamId, { stateSchema: counterStateSchema, stateVersion: 'counter-1', every: 25 });
    expect(snapshot?.state.count).toBe(snapshot?.version);
  }, 120_000);
});

describe('handleCommand with an aggregate cache (one per container)', () => {
  /** The fixture's store, counting the reads a command makes. */
  const countingStore = () => {
    const reads = { streams: 0, snapshots: 0 };
    const store: EventStore = {
      ...fixture.store,
      readStream: (...args) => {
        reads.streams += 1;
        return fixture.store.readStream(...args);
      },
      readSnapshot: (...args) => {
        reads.snapshots += 1;
        return fixture.store.readSnapshot(...args);
      },
    };
    return { store, reads };
  };
  const container = () => ({ ...countingStore(), cache: createAggregateCache<CounterState>() });
  const sendFrom = (from: ReturnType<typeof container>, streamId: string, command: CounterCommand, commandId: string, expectedVersion?: number) =>
    handleCommand({
      store: from.store,
      decider: counterDecider,
      codec: counterCodec,
      streamId,
      command,
      commandId,
      metadata: counterMetadata,
      cache: from.cache,
      // As in the contended test above: 8 writers on one stream lose many races.
      maxAttempts: 1_000,
      snapshots: { stateSchema: counterStateSchema, stateVersion: 'counter-1', every: 3 },
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    });
  const versionsOf = async (streamId: string) => (await fixture.store.readStream(streamId)).events.map((event) => [event.version, event.type, event.data]);

  it('after the first command, the next ones on the stream read nothing and decide on the right state (through a snapshot)', async () => {
    const a = container();
    await sendFrom(a, 'show#c1', { type: 'add', times: 1 }, 'c1');
    const readsAfterFirst = { ...a.reads };
    expect(readsAfterFirst).toEqual({ streams: 1, snapshots: 1 });
    await sendFrom(a, 'show#c1', { type: 'add', times: 2 }, 'c2');
    await sendFrom(a, 'show#c1', { type: 'add', times: 1 }, 'c3');
    const reset = await sendFrom(a, 'show#c1', { type: 'reset' }, 'c4');
    expect(a.reads).toEqual(readsAfterFirst);
    expect(reset.events.map((event) => [event.version, event.data])).toEqual([[5, { from: 4 }]]);
    // The snapshot taken on the way (every 3) is what a fresh container starts from.
    expect(await fixture.store.readSnapshot('show#c1', { stateSchema: counterStateSchema, stateVersion: 'counter-1', every: 3 })).toMatchObject({ version: 3, state: { count: 3 } });
    await expect(sendFrom(a, 'show#c1', { type: 'add', times: 1 }, 'c2')).resolves.toMatchObject({ alreadyAppended: true, nextExpectedVersion: 5 });
  });

  it('a stale cache costs a conflict and a catch-up, never an event decided on old state', async () => {
    const a = container();
    const b = container();
    await sendFrom(a, 'show#c2', { type: 'add', times: 1 }, 'a1');
    await sendFrom(b, 'show#c2', { type: 'add', times: 2 }, 'b1');
    const reset = await sendFrom(a, 'show#c2', { type: 'reset' }, 'a2');
    expect(reset.events.map((event) => [event.version, event.data])).toEqual([[4, { from: 3 }]]);
    expect(await versionsOf('show#c2')).toEqual([
      [1, 'Incremented', {}],
      [2, 'Incremented', {}],
      [3, 'Incremented', {}],
      [4, 'Reset', { from: 3 }],
    ]);
  });

  it('a refusal decided on a cached state is confirmed against the stream before it is given', async () => {
    const a = container();
    const b = container();
    await sendFrom(a, 'show#c3', { type: 'add', times: 1 }, 'a1');
    await sendFrom(a, 'show#c3', { type: 'reset' }, 'a2');
    await sendFrom(b, 'show#c3', { type: 'add', times: 1 }, 'b1');
    // A's cache says the counter is at zero; the stream says one.
    const reset = await sendFrom(a, 'show#c3', { type: 'reset' }, 'a3');
    expect(reset.events.map((event) => [event.version, event.data])).toEqual([[4, { from: 1 }]]);
    // Now it really is zero: the refusal stands after the confirming read.
    await expect(sendFrom(a, 'show#c3', { type: 'reset' }, 'a4')).rejects.toMatchObject({ code: 'already-zero' });
  });

  it('an If-Match newer than the cache is checked against the stream, not refused by the cache', async () => {
    const a = container();
    const b = container();
    await sendFrom(a, 'show#c4', { type: 'add', times: 1 }, 'a1');
    await sendFrom(b, 'show#c4', { type: 'add', times: 1 }, 'b1');
    await expect(sendFrom(a, 'show#c4', { type: 'add', times: 1 }, 'a2', 2)).resolves.toMatchObject({ nextExpectedVersion: 3 });
    await expect(sendFrom(a, 'show#c4', { type: 'add', times: 1 }, 'a3', 2)).rejects.toMatchObject({ name: 'WrongExpectedVersionError', actualVersion: 3 });
  });

  it('a retry of a command another container appended is recognised, not appended again', async () => {
    const a = container();
    const b = container();
    await sendFrom(a, 'show#c5', { type: 'add', times: 1 }, 'a1');
    await sendFrom(b, 'show#c5', { type: 'add', times: 1 }, 'shared');
    await expect(sendFrom(a, 'show#c5', { type: 'add', times: 1 }, 'shared')).resolves.toMatchObject({ alreadyAppended: true, nextExpectedVersion: 2 });
    expect(await versionsOf('show#c5')).toHaveLength(2);
  });

  it('8 containers with caches, 10 commands each on one stream: versions 1..80, each command once', async () => {
    const containers = Array.from({ length: 8 }, () => container());
    await Promise.all(
      containers.map(async (c, w) => {
        for (let i = 0; i < 10; i += 1) await sendFrom(c, 'show#c6', { type: 'add', times: 1 }, `w${w}-${i}`);
      }),
    );
    const stored = (await fixture.store.readStream('show#c6')).events;
    expect(stored.map((event) => event.version)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(new Set(stored.map((event) => event.commandId)).size).toBe(80);
  }, 60_000);
});
