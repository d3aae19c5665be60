import { handleCommand } from './handleCommand';
import { loadAggregate } from './loadAggregate';
import type { SnapshotPolicy } from './snapshots';
import { counterCodec, counterDecider, counterMetadata, counterStateSchema, type CounterState } from './testing/counter';
import { createStoreFixture, proposedEvent, type StoreFixture } from './testing/storeFixture';

let fixture: StoreFixture;
beforeAll(async () => {
  fixture = await createStoreFixture();
});
afterAll(() => fixture.dispose());

const policy: SnapshotPolicy<CounterState> = { stateSchema: counterStateSchema, stateVersion: 'counter-1', every: 100, rememberCommands: 3 };

/** Incremented events written in batches of 100, as fast as the store allows. */
const fillStream = async (streamId: string, length: number): Promise<void> => {
  for (let base = 0; base < length; base += 100) {
    await fixture.store.appendToStream(streamId, Array.from({ length: Math.min(100, length - base) }, () => proposedEvent()), {
      expectedVersion: base === 0 ? 'no_stream' : base,
      expectedVersionRead: true,
      commandId: `fill-${base}`,
    });
  }
};

const load = (streamId: string, snapshots: SnapshotPolicy<CounterState> | undefined = policy) =>
  loadAggregate({ store: fixture.store, decider: counterDecider, codec: counterCodec, streamId, snapshots });

const send = (streamId: string, commandId: string) =>
  handleCommand({ store: fixture.store, decider: counterDecider, codec: counterCodec, streamId, command: { type: 'add', times: 1 }, commandId, metadata: counterMetadata, snapshots: policy });

describe('snapshots', () => {
  it('loading a 1,000-event stream reads only the tail after the snapshot', async () => {
    const streamId = 'show#long';
    await fillStream(streamId, 1_000);
    const full = await load(streamId);
    expect(full).toMatchObject({ version: 1_000, eventsRead: 1_000, snapshotVersion: 0, state: { count: 1_000 } });

    // The next command finds the tail long enough and snapshots the state it produced.
    await send(streamId, 'after-1000');
    for (let i = 0; i < 7; i += 1) await send(streamId, `tail-${i}`);
    const loaded = await load(streamId);
    expect(loaded).toMatchObject({ version: 1_008, snapshotVersion: 1_001, eventsRead: 7, state: { count: 1_008 } });
  });

  it('ignores a snapshot taken with another state version, and one whose state does not parse', async () => {
    const streamId = 'show#versioned';
    await fillStream(streamId, 100);
    await fixture.store.saveSnapshot({ streamId, version: 90, stateVersion: 'counter-0', state: { count: -999 }, recentCommands: [] });
    expect(await load(streamId)).toMatchObject({ snapshotVersion: 0, eventsRead: 100, state: { count: 100 } });

    await fixture.store.saveSnapshot({ streamId, version: 95, stateVersion: 'counter-1', state: { count: 'ninety-five' }, recentCommands: [] });
    expect(await load(streamId)).toMatchObject({ snapshotVersion: 0, eventsRead: 100, state: { count: 100 } });

    await fixture.store.saveSnapshot({ streamId, version: 98, stateVersion: 'counter-1', state: { count: 98 }, recentCommands: [] });
    expect(await load(streamId)).toMatchObject({ snapshotVersion: 98, eventsRead: 2, state: { count: 100 } });
  });

  it('never moves a snapshot backwards', async () => {
    const streamId = 'show#forward';
    await fixture.store.saveSnapshot({ streamId, version: 50, stateVersion: 'counter-1', state: { count: 50 }, recentCommands: [] });
    await fixture.store.saveSnapshot({ streamId, version: 40, stateVersion: 'counter-1', state: { count: 40 }, recentCommands: [] });
    expect(await fixture.store.readSnapshot(streamId, policy)).toMatchObject({ version: 50 });
  });

  it('remembers recent commands, so a retry from before the snapshot still appends nothing', async () => {
    const streamId = 'show#remembered';
    await fillStream(streamId, 99);
    const original = await send(streamId, 'just-before-snapshot'); // version 100: the snapshot is taken here
    await send(streamId, 'after-snapshot');
    const retried = await send(streamId, 'just-before-snapshot');
    expect(retried).toMatchObject({ alreadyAppended: true });
    expect(retried.events).toEqual(original.events);
    expect((await load(streamId, undefined)).version).toBe(101);
    const snapshot = await fixture.store.readSnapshot(streamId, policy);
    expect(snapshot?.recentCommands.map((span) => span.commandId)).toEqual(['fill-0', 'just-before-snapshot'].slice(-3));
  });
});
