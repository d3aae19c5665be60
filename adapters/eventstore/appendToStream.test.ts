import { PutCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvalidAppendError, StoredEventInvalidError, WrongExpectedVersionError } from './errors';
import { createStoreFixture, proposedEvent, type StoreFixture } from './testing/storeFixture';

let fixture: StoreFixture;
beforeAll(async () => {
  fixture = await createStoreFixture();
});
afterAll(() => fixture.dispose());

let streamNumber = 0;
const newStream = (): string => `show#append-${(streamNumber += 1)}`;

const versionsOf = async (streamId: string): Promise<number[]> => (await fixture.store.readStream(streamId)).events.map((event) => event.version);

describe('appending with an expected version', () => {
  it('starts a stream at version 1 and continues it contiguously', async () => {
    const streamId = newStream();
    const first = await fixture.store.appendToStream(streamId, [proposedEvent()], { expectedVersion: 'no_stream', commandId: 'c1' });
    const next = await fixture.store.appendToStream(streamId, [proposedEvent(), proposedEvent()], { expectedVersion: 1, commandId: 'c2' });
    expect(first).toMatchObject({ nextExpectedVersion: 1, alreadyAppended: false });
    expect(next.events.map((event) => event.version)).toEqual([2, 3]);
    expect(await versionsOf(streamId)).toEqual([1, 2, 3]);
  });

  it('refuses "no stream" when the stream exists, naming the stream and both versions', async () => {
    const streamId = newStream();
    await fixture.store.appendToStream(streamId, [proposedEvent(), proposedEvent()], { expectedVersion: 'no_stream', commandId: 'c1' });
    const refused = fixture.store.appendToStream(streamId, [proposedEvent()], { expectedVersion: 'no_stream', commandId: 'c2' });
    await expect(refused).rejects.toThrow(WrongExpectedVersionError);
    await expect(refused).rejects.toMatchObject({ streamId, expectedVersion: 'no_stream', actualVersion: 2 });
  });

  it('makes a gap impossible: expected version 5 on a 2-event stream fails, single event or several', async () => {
    const streamId = newStream();
    await fixture.store.appendToStream(streamId, [proposedEvent(), proposedEvent()], { expectedVersion: 'no_stream', commandId: 'c1' });
    await expect(fixture.store.appendToStream(streamId, [proposedEvent()], { expectedVersion: 5, commandId: 'c2' })).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      expectedVersion: 5,
      actualVersion: 2,
    });
    await expect(fixture.store.appendToStream(streamId, [proposedEvent(), proposedEvent()], { expectedVersion: 5, commandId: 'c3' })).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      actualVersion: 2,
    });
    expect(await versionsOf(streamId)).toEqual([1, 2]);
  });

  it('refuses a stale exact version', async () => {
    const streamId = newStream();
    await fixture.store.appendToStream(streamId, [proposedEvent(), proposedEvent()], { expectedVersion: 'no_stream', commandId: 'c1' });
    await expect(fixture.store.appendToStream(streamId, [proposedEvent()], { expectedVersion: 1, commandId: 'c2' })).rejects.toMatchObject({
      message: expect.stringContaining(`Stream ${streamId}: expected version 1 but the stream is at version 2`),
    });
  });

  it('appends after whatever is there with "any", even when writers race', async () => {
    const streamId = newStream();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => fixture.store.appendToStream(streamId, [proposedEvent()], { expectedVersion: 'any', commandId: `any-${i}` })),
    );
    expect(await versionsOf(streamId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('leaves nothing behind when a multi-event append conflicts on one of its events', async () => {
    const streamId = newStream();
    await fixture.store.appendToStream(streamId, [proposedEvent(), proposedEvent()], { expectedVersion: 'no_stream', commandId: 'c1' });
    // Expected version 1 makes the batch target 2..4: version 2 is taken, 3 and 4 are free.
    const refused = fixture.store.appendToStream(streamId, [proposedEvent(), proposedEvent(), proposedEvent()], { expectedVersion: 1, commandId: 'c2' });
    await expect(refused).rejects.toThrow(WrongExpectedVersionError);
    expect(await versionsOf(streamId)).toEqual([1, 2]);
  });
});

describe('the conflict as an answer (for the command handler)', () => {
  it('returns a conflict instead of throwing, and appends nothing', async () => {
    const streamId = newStream();
    await fixture.store.appendToStream(streamId, [proposedEvent()], { expectedVersion: 'no_stream', commandId: 'c1' });
    const outcome = await fixture.store.tryAppendToStream(streamId, [proposedEvent()], { expectedVersion: 'no_stream', expectedVersionRead: true, commandId: 'c2' });
    expect(outcome).toEqual({ conflict: true, streamId });
    expect(await versionsOf(streamId)).toEqual([1]);
  });

  it('refuses a malformed append before touching DynamoDB', async () => {
    await expect(fixture.store.appendToStream(newStream(), [], { expectedVersion: 'any', commandId: 'c' })).rejects.toThrow(InvalidAppendError);
    await expect(fixture.store.appendToStream(newStream(), [proposedEvent()], { expectedVersion: -1, commandId: 'c' })).rejects.toThrow(InvalidAppendError);
  });
});

describe('appending one command to several streams', () => {
  it('writes all streams in one transaction', async () => {
    const [a, b] = [newStream(), newStream()];
    const results = await fixture.store.appendToStreams(
      [
        { streamId: a, expectedVersion: 'no_stream', events: [proposedEvent()] },
        { streamId: b, expectedVersion: 'no_stream', events: [proposedEvent(), proposedEvent()] },
      ],
      { commandId: 'multi-1' },
    );
    expect(results.map((result) => result.nextExpectedVersion)).toEqual([1, 2]);
    expect(await versionsOf(a)).toEqual([1]);
    expect(await versionsOf(b)).toEqual([1, 2]);
  });

  it('leaves nothing behind when one stream conflicts, and says which', async () => {
    const [fresh, taken] = [newStream(), newStream()];
    await fixture.store.appendToStream(taken, [proposedEvent()], { expectedVersion: 'no_stream', commandId: 'c1' });
    const refused = fixture.store.appendToStreams(
      [
        { streamId: fresh, expectedVersion: 'no_stream', events: [proposedEvent(), proposedEvent()] },
        { streamId: taken, expectedVersion: 'no_stream', events: [proposedEvent()] },
      ],
      { commandId: 'multi-2' },
    );
    await expect(refused).rejects.toMatchObject({ name: 'WrongExpectedVersionError', streamId: taken, actualVersion: 1 });
    expect(await versionsOf(fresh)).toEqual([]);
    expect(await versionsOf(taken)).toEqual([1]);
  });

  it('fails the whole transaction when one stream is missing its expected version', async () => {
    const [fresh, short] = [newStream(), newStream()];
    await fixture.store.appendToStream(short, [proposedEvent()], { expectedVersion: 'no_stream', commandId: 'c1' });
    const refused = fixture.store.appendToStreams(
      [
        { streamId: fresh, expectedVersion: 'no_stream', events: [proposedEvent()] },
        { streamId: short, expectedVersion: 3, events: [proposedEvent()] },
      ],
      { commandId: 'multi-3' },
    );
    await expect(refused).rejects.toMatchObject({ name: 'WrongExpectedVersionError', streamId: short, expectedVersion: 3, actualVersion: 1 });
    expect(await versionsOf(fresh)).toEqual([]);
  });
});

describe('reading', () => {
  it('reads from a version across pages', async () => {
    const streamId = newStream();
    await fixture.store.appendToStream(streamId, Array.from({ length: 25 }, () => proposedEvent()), { expectedVersion: 'no_stream', commandId: 'c1' });
    const { events, itemsRead } = await fixture.store.readStream(streamId, { fromVersion: 11, pageSize: 4 });
    expect(events.map((event) => event.version)).toEqual(Array.from({ length: 15 }, (_, i) => i + 11));
    expect(itemsRead).toBe(15);
    expect(events[0]).toMatchObject({ streamId, commandId: 'c1', type: 'Incremented', actor: { id: 'tester', kind: 'user' } });
  });

  it('rejects an item that is not an envelope, naming stream and version', async () => {
    const streamId = newStream();
    await fixture.store.appendToStream(streamId, [proposedEvent()], { expectedVersion: 'no_stream', commandId: 'c1' });
    const db = DynamoDBDocumentClient.from(fixture.client);
    await db.send(new PutCommand({ TableName: fixture.tables.events, Item: { streamId, version: 2, type: 'Incremented' } }));
    const read = fixture.store.readStream(streamId);
    await expect(read).rejects.toThrow(StoredEventInvalidError);
    await expect(read).rejects.toThrow(`Stream ${streamId}, version 2`);
  });
});
