import { createAggregateCache, handleCommand, registryCodec, type AggregateCache, type EventStore, type HandledCommand } from '../../adapters/eventstore';
import { loadAggregate } from '../../adapters/eventstore';
import { showDecider, showEventRegistry, showStateSchema, showStateVersion, showStreamId, type ShowCommand, type ShowState } from '../../domain/show';
import { commandOf, type CommandOrigin } from '../runtime/commands';

const codec = registryCodec(showEventRegistry);
const snapshots = { stateSchema: showStateSchema, stateVersion: String(showStateVersion), every: 50 };

// One cache per store: a container has one, and a cached version must never be carried over to another table.
const caches = new WeakMap<EventStore, AggregateCache<ShowState>>();
const cacheOf = (store: EventStore): AggregateCache<ShowState> => {
  const cache = caches.get(store) ?? createAggregateCache<ShowState>();
  caches.set(store, cache);
  return cache;
};

export interface CommandContext extends CommandOrigin {
  /** The version the client decided on (If-Match): the command applies to exactly that version or fails with 412. */
  readonly expectedVersion?: number;
}

/** The port every show handler goes through: load the show, let the decider decide, append, with conflict retries. */
export const executeShowCommand = (store: EventStore, command: ShowCommand, context: CommandContext): Promise<HandledCommand> =>
  handleCommand({
    store,
    decider: showDecider,
    codec,
    streamId: showStreamId(command.showId),
    ...commandOf('catalog', command, context, command.now),
    snapshots,
    cache: cacheOf(store),
    ...(context.expectedVersion === undefined ? {} : { expectedVersion: context.expectedVersion }),
  });

/** The current state of a show (through its snapshot), and the version a client sends back in If-Match. */
export const loadShow = async (store: EventStore, showId: string) => {
  const loaded = await loadAggregate({ store, decider: showDecider, codec, streamId: showStreamId(showId), snapshots });
  return { state: loaded.state, version: loaded.version };
};
