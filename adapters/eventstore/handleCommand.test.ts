import { CommandRefusedError } from '../../domain/decider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbEventStore } from './eventStore';
import { handleCommand } from './handleCommand';
import { counterCodec, counterDecider, counterMetadata, counterStateSchema, type CounterCommand } from './testing/counter';
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
