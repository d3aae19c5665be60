import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { projectCatalogEntry, type CatalogEntry, type PositionedShowEvent } from '../../domain/catalog';
import { decodeShowEvent } from '../../domain/show';
import type { EventEnvelope } from '../../events/envelope';
import type { EventStore } from '../eventstore';
import { foldGated, type GatedFold, type Stored } from '../streams';
import { entryKey, fromCatalogItem, toCatalogItem } from './catalogItem';

export interface CatalogWriterDeps {
  readonly db: DynamoDBDocumentClient;
  readonly catalogTable: string;
  /** Where gaps are filled from: the event store is the truth, the stream only a notification. */
  readonly store: Pick<EventStore, 'readStream'>;
  /** Entries this container wrote last; saves the read before a write (see EntryCache). */
  readonly entryCache?: EntryCache;
}

/**
 * The entries a projector container wrote last, by generation and show. A show's events all arrive on one stream
 * shard, so the container that wrote an entry is usually the one that writes it next, and can skip reading it
 * first. The cache is never trusted: the write stays conditional on the cached version, and a failed condition
 * (another writer, a rebuild, a deleted generation) reads the entry from the table and decides again.
 */
export class EntryCache {
  private readonly entries = new Map<string, CatalogEntry>();
  constructor(private readonly capacity = 10_000) {}
  get(generation: number, showId: string): CatalogEntry | undefined {
    return this.entries.get(`${generation}|${showId}`);
  }
  set(generation: number, showId: string, entry: CatalogEntry): void {
    const key = `${generation}|${showId}`;
    this.entries.delete(key);
    this.entries.set(key, entry);
    // Oldest written first out: a Map iterates in insertion order.
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
  forget(generation: number, showId: string): void {
    this.entries.delete(`${generation}|${showId}`);
  }
}

export type ApplyOutcome =
  /** Every incoming event was already folded in: acknowledged, nothing written. */
  | { readonly kind: 'duplicate'; readonly version: number }
  /** Written; `repaired` when the events had to be read from the store (a gap, or events out of order). */
  | { readonly kind: 'applied'; readonly version: number; readonly repaired: boolean };

const showIdOf = (streamId: string) => streamId.slice(streamId.indexOf('#') + 1);

const positioned = (envelope: EventEnvelope): PositionedShowEvent => {
  const decoded = decodeShowEvent(envelope);
  return { version: envelope.version, occurredAt: envelope.occurredAt, actorId: envelope.actor.id, event: { type: decoded.type, data: decoded.data } as PositionedShowEvent['event'] };
};

/** The events that follow `lastApplied` one by one, or undefined when some are missing or out of order. */
const contiguousAfter = (events: readonly EventEnvelope[], lastApplied: number): EventEnvelope[] | undefined => {
  const byVersion = new Map(events.filter((e) => e.version > lastApplied).map((e) => [e.version, e]));
  const run: EventEnvelope[] = [];
  for (let v = lastApplied + 1; byVersion.has(v); v += 1) run.push(byVersion.get(v) as EventEnvelope);
  return run.length === byVersion.size ? run : undefined;
};

/** The incoming events when they continue the entry exactly; otherwise the stream read from the store. */
const eventsAfter = async (deps: CatalogWriterDeps, streamId: string, incoming: readonly EventEnvelope[], lastApplied: number) => {
  const run = contiguousAfter(incoming, lastApplied);
  if (run !== undefined && run.length > 0) return { pending: run, repaired: false };
  return { pending: (await deps.store.readStream(streamId, { fromVersion: lastApplied + 1 })).events, repaired: true };
};


const readEntry = async (deps: CatalogWriterDeps, generation: number, showId: string): Promise<CatalogEntry | null> => {
  const { Item } = await deps.db.send(new GetCommand({ TableName: deps.catalogTable, Key: entryKey(generation, showId), ConsistentRead: true }));
  return Item === undefined ? null : fromCatalogItem(Item);
};

/** The entry with the events it has not applied yet folded in; undefined when there are none. */
const foldIncoming = async (deps: CatalogWriterDeps, streamId: string, incoming: readonly EventEnvelope[], latestIncoming: number, entry: CatalogEntry | null) => {
  const lastApplied = entry?.version ?? 0;
  if (latestIncoming <= lastApplied) return undefined;
  const { pending, repaired } = await eventsAfter(deps, streamId, incoming, lastApplied);
  const next = pending.reduce<CatalogEntry | null>((current, event) => projectCatalogEntry(current, positioned(event)), entry);
  return pending.length === 0 || next === null ? undefined : { next, repaired };
};

const stored = (entry: CatalogEntry | null | undefined): Stored<CatalogEntry> | undefined => (entry === null || entry === undefined ? undefined : { record: entry, version: entry.version });

/**
 * The catalogue entry of one show in one generation as a gated fold: its gate is the last Show stream version
 * folded in. The cache answers only a first round: a lost race means someone else moved the entry.
 */
const entryFold = (deps: CatalogWriterDeps, generation: number, streamId: string, incoming: readonly EventEnvelope[], maxRounds: number, folds: { repaired: boolean }): GatedFold<EventEnvelope, CatalogEntry> => {
  const showId = showIdOf(streamId);
  const latestIncoming = incoming.length === 0 ? Number.POSITIVE_INFINITY : Math.max(...incoming.map((e) => e.version));
  return {
    db: deps.db,
    table: deps.catalogTable,
    maxRounds,
    load: async (_keys, round) => {
      const entry = stored((round === 0 ? deps.entryCache?.get(generation, showId) : undefined) ?? (await readEntry(deps, generation, showId)));
      return new Map(entry === undefined ? [] : [[streamId, entry]]);
    },
    fold: async (_key, current, events) => {
      const change = await foldIncoming(deps, streamId, events, latestIncoming, current?.record ?? null);
      if (change === undefined) return undefined;
      folds.repaired = change.repaired;
      return { record: change.next, version: change.next.version };
    },
    toItem: (next) => toCatalogItem(generation, next.record),
    written: (_key, next) => (next === undefined ? deps.entryCache?.forget(generation, showId) : deps.entryCache?.set(generation, showId, next.record)),
  };
};

/**
 * Folds a Show stream's events into its entry in one generation, gated on the entry's last applied version:
 * the Put succeeds only if nobody moved the entry since it was read. Duplicates are acknowledged; a gap or a
 * reordering (a stream's records of one transaction may arrive in any order) is repaired by reading the
 * stream from the store. `incoming` empty means "catch up with the store" (rebuilds).
 */
export const applyShowEvents = async (
  deps: CatalogWriterDeps,
  generation: number,
  streamId: string,
  incoming: readonly EventEnvelope[],
  maxAttempts = 10,
): Promise<ApplyOutcome> => {
  const folds = { repaired: false };
  const report = await foldGated(entryFold(deps, generation, streamId, incoming, maxAttempts, folds), new Map([[streamId, incoming]]));
  if (report.failed.has(streamId)) throw report.failed.get(streamId);
  const written = report.written.get(streamId);
  if (written !== undefined) return { kind: 'applied', version: written.version, repaired: folds.repaired };
  return { kind: 'duplicate', version: report.unchanged.get(streamId)?.version ?? 0 };
};
