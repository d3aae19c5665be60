import { createAggregateCache } from './aggregateCache';
import type { LoadedAggregate } from './loadAggregate';

const at = (streamId: string, version: number, tailLength = 0): LoadedAggregate<{ count: number }> => ({
  streamId,
  state: { count: version },
  version,
  snapshotVersion: 0,
  snapshotCommands: [],
  tail: Array.from({ length: tailLength }, () => ({}) as LoadedAggregate<unknown>['tail'][number]),
  eventsRead: 0,
});

describe('createAggregateCache', () => {
  it('keeps the newer aggregate when two commands finish out of order', () => {
    const cache = createAggregateCache<{ count: number }>();
    cache.remember(at('s', 3));
    cache.remember(at('s', 2));
    expect(cache.get('s')?.version).toBe(3);
    cache.remember(at('s', 4));
    expect(cache.get('s')?.version).toBe(4);
  });

  it('evicts the least recently used stream past its bound', () => {
    const cache = createAggregateCache<{ count: number }>({ maxStreams: 2 });
    cache.remember(at('a', 1));
    cache.remember(at('b', 1));
    cache.get('a');
    cache.remember(at('c', 1));
    expect([cache.get('a')?.version, cache.get('b'), cache.get('c')?.version]).toEqual([1, undefined, 1]);
  });

  it('drops an aggregate whose tail outgrew the bound instead of keeping it', () => {
    const cache = createAggregateCache<{ count: number }>({ maxTail: 3 });
    cache.remember(at('s', 3, 3));
    expect(cache.get('s')?.version).toBe(3);
    cache.remember(at('s', 4, 4));
    expect(cache.get('s')).toBeUndefined();
  });

  it('forgets a stream on request', () => {
    const cache = createAggregateCache<{ count: number }>();
    cache.remember(at('s', 1));
    cache.forget('s');
    expect(cache.get('s')).toBeUndefined();
  });
});
