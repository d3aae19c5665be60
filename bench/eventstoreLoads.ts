import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ProposedEvent } from '../adapters/eventstore/appendTypes';
import type { EventStore } from '../adapters/eventstore/eventStore';
import { loadAggregate } from '../adapters/eventstore/loadAggregate';
import { counterCodec, counterDecider, counterStateSchema } from '../adapters/eventstore/testing/counter';
import { median, round } from './measure';

/** The event store benchmark's events, and its load-latency scenario (bench/eventstore.ts runs it). */

export const data = { title: 'The Long Night', season: 2, tags: ['drama', 'thriller'] };

export const proposed = (): ProposedEvent => ({
  eventId: randomUUID(),
  type: 'ShowRenamed',
  schemaVersion: 1,
  context: 'catalog',
  occurredAt: new Date().toISOString(),
  correlationId: 'bench',
  causationId: 'bench',
  actor: { id: 'bench', kind: 'user' },
  data,
});

const fillStream = async (store: EventStore, streamId: string, length: number): Promise<void> => {
  for (let base = 0; base < length; base += 100) {
    const count = Math.min(100, length - base);
    const events = Array.from({ length: count }, () => ({ ...proposed(), type: 'Incremented', data: {} }));
    await store.appendToStream(streamId, events, { expectedVersion: base === 0 ? 'no_stream' : base, expectedVersionRead: true, commandId: randomUUID() });
  }
};

const timed = async (load: () => Promise<number>): Promise<{ ms: number; eventsRead: number }> => {
  const before = performance.now();
  const eventsRead = await load();
  return { ms: performance.now() - before, eventsRead };
};

/**
 * Load time by stream length: with a snapshot 50 events behind the head (snapshots every 100), and without.
 * Lengths take turns round by round, so warm-up and a busy moment do not fall on one length.
 */
export const loads = async (store: EventStore) => {
  const policy = { stateSchema: counterStateSchema, stateVersion: 'bench-1', every: 100 };
  const lengths = [10, 1_000, 10_000];
  const streams = await Promise.all(
    lengths.map(async (length) => {
      const streamId = `show#load-${randomUUID().slice(0, 8)}-${length}`;
      await fillStream(store, streamId, length);
      if (length > policy.every) {
        await store.saveSnapshot({ streamId, version: length - 50, stateVersion: policy.stateVersion, state: { count: length - 50 }, recentCommands: [] });
      }
      return { length, input: { store, decider: counterDecider, codec: counterCodec, streamId, snapshots: policy } };
    }),
  );
  const withSnapshot = new Map<number, { ms: number; eventsRead: number }[]>(lengths.map((length) => [length, []]));
  const withoutSnapshot = new Map<number, { ms: number; eventsRead: number }[]>(lengths.map((length) => [length, []]));
  for (let round = 0; round < 40; round += 1) {
    for (const { length, input } of streams) {
      withSnapshot.get(length)?.push(await timed(async () => (await loadAggregate(input)).eventsRead));
      // Full reads of the long streams take long: a few suffice for their median.
      if (round % 8 === 0) withoutSnapshot.get(length)?.push(await timed(async () => (await loadAggregate({ ...input, snapshots: undefined })).eventsRead));
    }
  }
  const summary = (runs: readonly { ms: number; eventsRead: number }[] = []) => ({ ms: round(median(runs.map((run) => run.ms)), 1), eventsRead: runs.at(-1)?.eventsRead ?? 0 });
  const rows = lengths.map((length) => {
    const snap = summary(withSnapshot.get(length));
    const full = summary(withoutSnapshot.get(length));
    return {
      scenario: 'load an aggregate',
      variant: `${length.toLocaleString('en-US')}-event stream`,
      'with snapshot: ms (median)': snap.ms,
      'events read': snap.eventsRead,
      'no snapshot: ms (median)': full.ms,
      'events read (no snapshot)': full.eventsRead,
    };
  });
  const first = rows[0]?.['with snapshot: ms (median)'] ?? Number.NaN;
  return rows.map((row) => ({ ...row, 'vs 10-event': `${round(row['with snapshot: ms (median)'] / first, 2)}x` }));
};

