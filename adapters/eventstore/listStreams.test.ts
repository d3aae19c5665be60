import { createStoreFixture, proposedEvent, type StoreFixture } from './testing/storeFixture';

let fixture: StoreFixture;
beforeAll(async () => {
  fixture = await createStoreFixture(3);
});
afterAll(() => fixture.dispose());

const start = (streamId: string, occurredAt: string) =>
  fixture.store.appendToStream(streamId, [proposedEvent({ occurredAt }), proposedEvent({ occurredAt })], { expectedVersion: 'no_stream', commandId: `start-${streamId}` });

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

describe('listing the streams of a category', () => {
  it('merges the GSI shards into one list ordered by first event, once per stream, across pages', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `show#s${String(i).padStart(2, '0')}`);
    // Started in reverse id order, so time order and id order disagree.
    for (const [i, id] of ids.entries()) await start(id, `2026-01-01T00:00:${String(59 - i).padStart(2, '0')}.000Z`);
    await start('movie#m1', '2026-01-01T00:00:30.000Z');
    const listed = await collect(fixture.store.listStreams('show', { pageSize: 2 }));
    expect(listed.map((stream) => stream.streamId)).toEqual([...ids].reverse());
  });

  it('resumes after a position', async () => {
    const all = await collect(fixture.store.listStreams('show'));
    const middle = all[5];
    if (middle === undefined) throw new Error('expected at least six streams');
    const rest = await collect(fixture.store.listStreams('show', { startedAfter: middle.startedAt }));
    expect(rest).toEqual(all.slice(6));
  });
});
