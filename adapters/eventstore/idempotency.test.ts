import { handleCommand } from './handleCommand';
import { counterCodec, counterDecider, counterMetadata, type CounterCommand } from './testing/counter';
import { createStoreFixture, proposedEvent, type StoreFixture } from './testing/storeFixture';

let fixture: StoreFixture;
beforeAll(async () => {
  fixture = await createStoreFixture();
});
afterAll(() => fixture.dispose());

let streamNumber = 0;
const newStream = (): string => `show#idem-${(streamNumber += 1)}`;
const versionsOf = async (streamId: string): Promise<number[]> => (await fixture.store.readStream(streamId)).events.map((event) => event.version);

const send = (streamId: string, command: CounterCommand, commandId: string) =>
  handleCommand({ store: fixture.store, decider: counterDecider, codec: counterCodec, streamId, command, commandId, metadata: counterMetadata, maxAttempts: 50 });

describe.each([1, 3])('the same %i-event command sent 50 times', (times) => {
  it('appends once when sent sequentially, each retry answered with the original versions', async () => {
    const streamId = newStream();
    await send(streamId, { type: 'add', times: 2 }, 'before');
    const results = [];
    for (let i = 0; i < 50; i += 1) results.push(await send(streamId, { type: 'add', times }, 'the-command'));
    const expected = Array.from({ length: times }, (_, i) => i + 3);
    expect(results.every((result) => JSON.stringify(result.events.map((event) => event.version)) === JSON.stringify(expected))).toBe(true);
    expect(results.filter((result) => !result.alreadyAppended)).toHaveLength(1);
    expect(await versionsOf(streamId)).toEqual([1, 2, ...expected]);
  });

  it('appends once when sent concurrently, interleaved with other commands', async () => {
    const streamId = newStream();
    const others = Array.from({ length: 5 }, (_, i) => send(streamId, { type: 'add', times: 1 }, `other-${i}`));
    const repeats = Array.from({ length: 50 }, () => send(streamId, { type: 'add', times }, 'the-command'));
    const results = await Promise.all(repeats);
    await Promise.all(others);
    const stored = (await fixture.store.readStream(streamId)).events;
    const ours = stored.filter((event) => event.commandId === 'the-command');
    expect(ours).toHaveLength(times);
    expect(stored.map((event) => event.version)).toEqual(Array.from({ length: 5 + times }, (_, i) => i + 1));
    for (const result of results) expect(result.events.map((event) => event.eventId)).toEqual(ours.map((event) => event.eventId));
  });
});

describe('a store-level retry of the same append', () => {
  it('returns the original result instead of a conflict, for one event and for a transaction', async () => {
    const streamId = newStream();
    const single = [proposedEvent()];
    const first = await fixture.store.appendToStream(streamId, single, { expectedVersion: 'no_stream', commandId: 'one' });
    const again = await fixture.store.appendToStream(streamId, single, { expectedVersion: 'no_stream', commandId: 'one' });
    expect(again).toEqual({ ...first, alreadyAppended: true });

    const batch = [proposedEvent(), proposedEvent()];
    const firstBatch = await fixture.store.appendToStream(streamId, batch, { expectedVersion: 1, commandId: 'two' });
    await fixture.store.appendToStream(streamId, [proposedEvent()], { expectedVersion: 3, commandId: 'three' });
    const batchAgain = await fixture.store.appendToStream(streamId, batch, { expectedVersion: 1, commandId: 'two' });
    expect(batchAgain.events).toEqual(firstBatch.events);
    expect(await versionsOf(streamId)).toEqual([1, 2, 3, 4]);
  });

  it('recognises a resent transaction whose content differs (a new timestamp) by its command id', async () => {
    const streamId = newStream();
    await fixture.store.appendToStream(streamId, [proposedEvent(), proposedEvent()], { expectedVersion: 'no_stream', commandId: 'resent' });
    const resent = [proposedEvent({ occurredAt: '2026-02-02T00:00:00.000Z' }), proposedEvent({ occurredAt: '2026-02-02T00:00:00.000Z' })];
    const again = await fixture.store.appendToStream(streamId, resent, { expectedVersion: 'no_stream', commandId: 'resent' });
    expect(again.alreadyAppended).toBe(true);
    expect(again.events.map((event) => event.occurredAt)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
    expect(await versionsOf(streamId)).toEqual([1, 2]);
  });

  it('still reports a real conflict when another command holds the version', async () => {
    const streamId = newStream();
    await fixture.store.appendToStream(streamId, [proposedEvent()], { expectedVersion: 'no_stream', commandId: 'mine' });
    await expect(fixture.store.appendToStream(streamId, [proposedEvent()], { expectedVersion: 'no_stream', commandId: 'theirs' })).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
    });
  });
});
