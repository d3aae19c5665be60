import type { EventStore } from '../../adapters/eventstore';
import { failedGroups, storedEvents, type StreamConsumer } from '../../adapters/streams';
import { decodeShowEvent, isShowStream } from '../../domain/show';
import { projectReviewEntry, reviewEventsToFold, type QueuedShowEvent } from '../../domain/show/reviewQueue';
import type { EventEnvelope } from '../../events/envelope';
import { streamReporting } from '../runtime/streamReporting';
import type { ReviewsTable } from './reviewsTable';

const showIdOf = (streamId: string) => streamId.slice(streamId.indexOf('#') + 1);

const queued = (envelope: EventEnvelope): QueuedShowEvent => ({
  version: envelope.version,
  occurredAt: envelope.occurredAt,
  actorId: envelope.actor.id,
  correlationId: envelope.correlationId,
  event: decodeShowEvent(envelope),
});

/**
 * Folds a show stream's events into its review queue entry behind the version gate: duplicates are acknowledged,
 * a gap or a reordering is filled by reading the stream from the store, and a write that lost to another writer
 * is folded again from what that writer left.
 */
/** The events still to fold onto the entry: those that came in, or, after a gap, the stream from the store. */
const eventsToFold = async (store: Pick<EventStore, 'readStream'>, streamId: string, plan: Exclude<ReturnType<typeof reviewEventsToFold>, { from: 'nothing' }>, lastApplied: number) =>
  plan.from === 'incoming' ? plan.events : (await store.readStream(streamId, { fromVersion: lastApplied + 1 })).events.map(queued);

export const applyToReviewQueue = async (deps: { reviews: ReviewsTable; store: Pick<EventStore, 'readStream'> }, streamId: string, incoming: readonly EventEnvelope[], maxAttempts = 10) => {
  const showId = showIdOf(streamId);
  const events = incoming.map(queued);
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const entry = await deps.reviews.entry(showId);
    const lastApplied = entry?.version ?? 0;
    const plan = reviewEventsToFold(lastApplied, entry !== null, events);
    if (plan.from === 'nothing') return 'duplicate' as const;
    const next = (await eventsToFold(deps.store, streamId, plan, lastApplied)).reduce(projectReviewEntry, entry);
    if (next === null || next.version === lastApplied) return 'duplicate' as const;
    if (await deps.reviews.putEntry(next, entry === null ? null : lastApplied)) return 'applied' as const;
  }
  throw new Error(`The review queue entry of show ${showId} kept moving under ${maxAttempts} attempts`);
};

/**
 * The queue's step of a stream batch (the kit in adapters/streams parses, groups by stream and reports): show
 * streams fold in parallel, and a stream that failed is retried from its first record without holding back others.
 */
export const reviewQueueConsumer = (deps: { reviews: ReviewsTable; store: Pick<EventStore, 'readStream'> }): StreamConsumer<EventEnvelope> => ({
  ...storedEvents,
  name: 'review queue',
  ...streamReporting,
  process: async (groups) => {
    const failed = new Map<string, unknown>();
    const shows = [...groups].filter(([streamId]) => isShowStream(streamId));
    await Promise.all(shows.map(([streamId, units]) => applyToReviewQueue(deps, streamId, units.map((unit) => unit.value)).catch((error: unknown) => failed.set(streamId, error))));
    return failedGroups(groups, failed);
  },
});
