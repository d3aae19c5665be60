import type { LoadedAggregate } from './loadAggregate';

/**
 * Aggregates this container last saw, by stream, so a command on a stream it wrote a moment ago costs one
 * conditional write instead of a snapshot read, a tail read and the write. The cache is never trusted for what
 * it claims: an append from a cached version is conditional on that version still being the head, so a stale
 * entry costs a conflict and a catch-up read, never a wrong event; and handleCommand confirms every answer
 * that writes nothing (a refusal, a no-op, an If-Match mismatch) against the stream before giving it.
 */
export interface AggregateCache<TState> {
  get(streamId: string): LoadedAggregate<TState> | undefined;
  /** Keeps the newer of what is cached and this (two commands of one container can finish in either order). */
  remember(loaded: LoadedAggregate<TState>): void;
  forget(streamId: string): void;
}

/**
 * An LRU of at most `maxStreams` aggregates. An entry whose tail has grown past `maxTail` events (another
 * writer kept the snapshots, so this one never folds its tail away) is dropped rather than kept growing.
 */
export const createAggregateCache = <TState>({ maxStreams = 1000, maxTail = 200 }: { maxStreams?: number; maxTail?: number } = {}): AggregateCache<TState> => {
  const entries = new Map<string, LoadedAggregate<TState>>();
  return {
    get: (streamId) => {
      const entry = entries.get(streamId);
      if (entry === undefined) return undefined;
      entries.delete(streamId);
      entries.set(streamId, entry);
      return entry;
    },
    remember: (loaded) => {
      const current = entries.get(loaded.streamId);
      if (current !== undefined && current.version > loaded.version) return;
      entries.delete(loaded.streamId);
      if (loaded.tail.length > maxTail) return;
      entries.set(loaded.streamId, loaded);
      if (entries.size > maxStreams) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
    },
    forget: (streamId) => {
      entries.delete(streamId);
    },
  };
};
