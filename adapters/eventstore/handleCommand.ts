import { createHash } from 'node:crypto';
import { CommandRefusedError, type Decider } from '../../domain/decider';
import type { BoundedContext, EventEnvelope, Actor } from '../../events/envelope';
import type { AggregateCache } from './aggregateCache';
import type { AppendResult, ProposedEvent } from './appendTypes';
import { newestSpans, spansOf } from './commandSpans';
import { WrongExpectedVersionError } from './errors';
import type { EventCodec } from './eventCodec';
import type { EventStore } from './eventStore';
import { catchUpAggregate, loadAggregate, type LoadAggregateInput, type LoadedAggregate } from './loadAggregate';
import { defaultRememberedCommands, type SnapshotPolicy } from './snapshots';

export interface CommandMetadata {
  readonly context: BoundedContext;
  /** When the command was accepted: the domain has no clock, so the caller supplies it. */
  readonly occurredAt: string;
  readonly correlationId: string;
  /** What caused the command (defaults to the command id itself). */
  readonly causationId?: string;
  readonly actor: Actor;
}

export interface HandleCommandInput<TCommand, TEvent, TState> {
  readonly store: EventStore;
  readonly decider: Decider<TCommand, TEvent, TState>;
  readonly codec: EventCodec<TEvent>;
  readonly streamId: string;
  readonly command: TCommand;
  readonly commandId: string;
  readonly metadata: CommandMetadata;
  readonly snapshots?: SnapshotPolicy<TState>;
  /** Decide-and-append attempts when other writers win the race (default 10). */
  readonly maxAttempts?: number;
  /**
   * The version the caller's decision was based on (an HTTP If-Match): the command applies only to exactly that
   * version, so a write landing in between is a WrongExpectedVersionError rather than a silent re-decision.
   */
  readonly expectedVersion?: number;
  /** Aggregates this container has seen (see aggregateCache.ts); without it every command loads its stream. */
  readonly cache?: AggregateCache<TState>;
}

export interface HandledCommand {
  /** The events this command appended: on a recognised retry, the ones its first attempt appended. */
  readonly events: readonly EventEnvelope[];
  /** The stream's version after the command: what a client sends back as its next expected version. */
  readonly nextExpectedVersion: number;
  readonly alreadyAppended: boolean;
}

/** Event ids derived from the command: a re-decided retry produces the very same events, ids included. */
const eventIdOf = (commandId: string, streamId: string, index: number): string => {
  const hex = createHash('sha256').update(`${commandId}\u0000${streamId}\u0000${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * Whether this command is already in the stream. The window: any command whose events are after the latest
 * snapshot (read anyway), plus the last `rememberCommands` commands before it (kept in the snapshot). Without
 * snapshots the whole stream is read, so the window is the whole stream.
 */
const findEarlierRun = async <TState>(store: EventStore, loaded: LoadedAggregate<TState>, commandId: string): Promise<HandledCommand | undefined> => {
  const inTail = loaded.tail.filter((event) => event.commandId === commandId);
  const remembered = loaded.snapshotCommands.find((span) => span.commandId === commandId);
  if (inTail.length === 0 && remembered === undefined) return undefined;
  const events =
    inTail.length > 0
      ? inTail
      : (await store.readStream(loaded.streamId, { fromVersion: remembered?.fromVersion ?? 1 })).events.filter(
          (event) => event.commandId === commandId && event.version <= (remembered?.toVersion ?? 0),
        );
  return { events, nextExpectedVersion: loaded.version, alreadyAppended: true };
};

/** The envelopes of decided events, all derived from the command so a re-decided retry proposes the same. */
const proposeEvents = <TEvent>(
  input: Pick<HandleCommandInput<unknown, TEvent, unknown>, 'codec' | 'commandId' | 'streamId' | 'metadata'>,
  decided: readonly TEvent[],
): ProposedEvent[] =>
  decided.map((event, index) => {
    const { type, schemaVersion, data, context } = input.codec.encode(event);
    return {
      type,
      schemaVersion,
      data,
      eventId: eventIdOf(input.commandId, input.streamId, index),
      context: context ?? input.metadata.context,
      occurredAt: input.metadata.occurredAt,
      correlationId: input.metadata.correlationId,
      causationId: input.metadata.causationId ?? input.commandId,
      actor: input.metadata.actor,
    };
  });

/** Full jitter: losers of one race spread out instead of colliding again on the next version. */
const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(320, 10 * 2 ** (attempt - 1))));

/**
 * What the aggregate is after its own append: the same a fresh load would give, so the cache can hand it to the
 * next command. A snapshot due at this version is taken, and then the tail folds into it, as it would on a load.
 */
const advance = async <TCommand, TEvent, TState>(
  input: HandleCommandInput<TCommand, TEvent, TState>,
  loaded: LoadedAggregate<TState>,
  decided: readonly TEvent[],
  appended: readonly EventEnvelope[],
): Promise<LoadedAggregate<TState>> => {
  const state = decided.reduce(input.decider.evolve, loaded.state);
  const last = appended.at(-1);
  if (last === undefined) return loaded;
  const advanced = { ...loaded, state, version: last.version, tail: [...loaded.tail, ...appended] };
  const policy = input.snapshots;
  if (policy === undefined || last.version - loaded.snapshotVersion < policy.every) return advanced;
  const recentCommands = newestSpans([...loaded.snapshotCommands, ...spansOf(loaded.tail), ...spansOf(appended)], policy.rememberCommands ?? defaultRememberedCommands);
  await input.store.saveSnapshot({ streamId: input.streamId, version: last.version, stateVersion: policy.stateVersion, state, recentCommands });
  return { ...advanced, snapshotVersion: last.version, snapshotCommands: recentCommands, tail: [] };
};

/**
 * The decision on `loaded`, or the answer that writes nothing (an If-Match mismatch, a no-op; a refusal is
 * thrown). Each of those is given only after `movedSinceCached` found the start current; 'stale' when it was not.
 */
const decideOn = async <TCommand, TEvent, TState>(
  input: HandleCommandInput<TCommand, TEvent, TState>,
  loaded: LoadedAggregate<TState>,
  movedSinceCached: () => Promise<boolean>,
): Promise<'stale' | { readonly handled: HandledCommand } | { readonly decided: readonly TEvent[] }> => {
  if (input.expectedVersion !== undefined && loaded.version !== input.expectedVersion) {
    if (await movedSinceCached()) return 'stale';
    throw new WrongExpectedVersionError(input.streamId, input.expectedVersion, loaded.version);
  }
  let decided: readonly TEvent[];
  try {
    decided = input.decider.decide(input.command, loaded.state);
  } catch (error) {
    if (error instanceof CommandRefusedError && (await movedSinceCached())) return 'stale';
    throw error;
  }
  if (decided.length > 0) return { decided };
  if (await movedSinceCached()) return 'stale';
  return { handled: { events: [], nextExpectedVersion: loaded.version, alreadyAppended: false } };
};

/** The append went through: the cache learns the state after it, or forgets a stream an earlier run wrote. */
const appended = async <TCommand, TEvent, TState>(
  input: HandleCommandInput<TCommand, TEvent, TState>,
  loaded: LoadedAggregate<TState>,
  decided: readonly TEvent[],
  result: AppendResult,
): Promise<HandledCommand> => {
  if (result.alreadyAppended) input.cache?.forget(input.streamId);
  else {
    // Not inside `cache?.remember(...)`: without a cache that would skip the snapshot too.
    const advanced = await advance(input, loaded, decided, result.events);
    input.cache?.remember(advanced);
  }
  return { events: result.events, nextExpectedVersion: result.nextExpectedVersion, alreadyAppended: result.alreadyAppended };
};

/** Another writer moved the stream: the state caught up with it, or WrongExpectedVersionError once attempts run out. */
const catchUpAfterConflict = async <TCommand, TEvent, TState>(
  input: HandleCommandInput<TCommand, TEvent, TState>,
  loadInput: LoadAggregateInput<TEvent, TState>,
  loaded: LoadedAggregate<TState>,
  attempt: number,
  expectedVersion: number | 'no_stream',
): Promise<LoadedAggregate<TState>> => {
  // Sleep first, then read: the retry decides on the freshest state it can get.
  await backoff(attempt);
  const caughtUp = await catchUpAggregate(loadInput, loaded);
  input.cache?.remember(caughtUp);
  if (attempt >= (input.maxAttempts ?? 10)) throw new WrongExpectedVersionError(input.streamId, expectedVersion, caughtUp.version);
  return caughtUp;
};

/**
 * load -> decide -> append, retried on a version conflict with the stream caught up (only the new events are
 * read). A CommandRefusedError from `decide` propagates unchanged. Idempotent by command id: a retry is
 * answered with the events its first run appended (window: see findEarlierRun and appendToStreams).
 *
 * With a cache, the aggregate may start from what this container last saw. The append stays conditional on
 * that version, so a stale start only costs a conflict; an answer that writes nothing (a refusal, a no-op, an
 * If-Match mismatch) is given only once the stream has been read to confirm that the start was current.
 */
export const handleCommand = async <TCommand, TEvent, TState>(input: HandleCommandInput<TCommand, TEvent, TState>): Promise<HandledCommand> => {
  const { store, decider, codec, streamId, commandId, cache } = input;
  const loadInput: LoadAggregateInput<TEvent, TState> = { store, decider, codec, streamId, snapshots: input.snapshots };
  const cached = cache?.get(streamId);
  let loaded = cached ?? (await loadAggregate(loadInput));
  let confirmed = cached === undefined;
  /** True when the stream had moved past the cached start: decide again on the caught-up state. */
  const movedSinceCached = async (): Promise<boolean> => {
    if (confirmed) return false;
    confirmed = true;
    const caughtUp = await catchUpAggregate(loadInput, loaded);
    if (caughtUp.version === loaded.version) return false;
    loaded = caughtUp;
    cache?.remember(caughtUp);
    return true;
  };
  for (let attempt = 1; ; attempt += 1) {
    const earlier = await findEarlierRun(store, loaded, commandId);
    if (earlier !== undefined) return earlier;
    const decision = await decideOn(input, loaded, movedSinceCached);
    if (decision === 'stale') continue;
    if ('handled' in decision) return decision.handled;
    const { decided } = decision;
    const proposed = proposeEvents(input, decided);
    const expectedVersion = loaded.version === 0 ? 'no_stream' : loaded.version;
    const result = await store.tryAppendToStream(streamId, proposed, { expectedVersion, expectedVersionRead: true, commandId });
    if (!('conflict' in result)) return appended(input, loaded, decided, result);
    loaded = await catchUpAfterConflict(input, loadInput, loaded, attempt, expectedVersion);
    confirmed = true;
  }
};
