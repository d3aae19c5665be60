import type { Decider } from '../../domain/decider';
import type { EventEnvelope } from '../../events/envelope';
import type { EventCodec } from './eventCodec';
import type { EventStore } from './eventStore';
import type { CommandSpan, SnapshotPolicy } from './snapshots';

export interface LoadedAggregate<TState> {
  readonly streamId: string;
  readonly state: TState;
  /** The stream's version the state reflects (0: no stream). */
  readonly version: number;
  /** Where the snapshot used stood (0: none). */
  readonly snapshotVersion: number;
  /** Commands remembered by the snapshot, then the events read after it. */
  readonly snapshotCommands: readonly CommandSpan[];
  readonly tail: readonly EventEnvelope[];
  /** Event items read from the events table by this load. */
  readonly eventsRead: number;
}

export interface LoadAggregateInput<TEvent, TState> {
  readonly store: EventStore;
  readonly decider: Pick<Decider<unknown, TEvent, TState>, 'evolve' | 'initialState'>;
  readonly codec: Pick<EventCodec<TEvent>, 'decode'>;
  readonly streamId: string;
  readonly snapshots?: SnapshotPolicy<TState>;
}

const fold = <TEvent, TState>(input: LoadAggregateInput<TEvent, TState>, state: TState, events: readonly EventEnvelope[]): TState =>
  events.reduce((current, event) => input.decider.evolve(current, input.codec.decode(event)), state);

/** Folds a stream into state, starting from its snapshot when there is a usable one: the cost is the tail's. */
export const loadAggregate = async <TEvent, TState>(input: LoadAggregateInput<TEvent, TState>): Promise<LoadedAggregate<TState>> => {
  const snapshot = input.snapshots === undefined ? undefined : await input.store.readSnapshot(input.streamId, input.snapshots);
  const start = snapshot?.version ?? 0;
  const { events, itemsRead } = await input.store.readStream(input.streamId, { fromVersion: start + 1 });
  return {
    streamId: input.streamId,
    state: fold(input, snapshot?.state ?? input.decider.initialState, events),
    version: events.at(-1)?.version ?? start,
    snapshotVersion: start,
    snapshotCommands: snapshot?.recentCommands ?? [],
    tail: events,
    eventsRead: itemsRead,
  };
};

/** Brings a loaded aggregate up to date by reading only what was appended since: what a retry after a conflict needs. */
export const catchUpAggregate = async <TEvent, TState>(
  input: LoadAggregateInput<TEvent, TState>,
  loaded: LoadedAggregate<TState>,
): Promise<LoadedAggregate<TState>> => {
  const { events, itemsRead } = await input.store.readStream(input.streamId, { fromVersion: loaded.version + 1 });
  return {
    ...loaded,
    state: fold(input, loaded.state, events),
    version: events.at(-1)?.version ?? loaded.version,
    tail: [...loaded.tail, ...events],
    eventsRead: loaded.eventsRead + itemsRead,
  };
};
