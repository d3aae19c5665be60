import type { DynamoDBBatchResponse } from 'aws-lambda';
import type { EventStore } from '../../adapters/eventstore';
import { decodeShowEvent, showStreamCategory } from '../../domain/show';
import { projectReviewEntry, reviewEventsToFold, type QueuedShowEvent } from '../../domain/show/reviewQueue';
import type { EventEnvelope } from '../../events/envelope';
import { logger } from '../runtime/logger';
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
export const applyToReviewQueue = async (deps: { reviews: ReviewsTable; store: Pick<EventStore, 'readStream'> }, streamId: string, incoming: readonly EventEnvelope[], maxAttempts = 10) => {
  const showId = showIdOf(streamId);
  const events = incoming.map(queued);
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const entry = await deps.reviews.entry(showId);
    const lastApplied = entry?.version ?? 0;
    const plan = reviewEventsToFold(lastApplied, entry !== null, events);
    if (plan.from === 'nothing') return 'duplicate' as const;
    const pending = plan.from === 'incoming' ? plan.events : (await deps.store.readStream(streamId, { fromVersion: lastApplied + 1 })).events.map(queued);
    const next = pending.reduce(projectReviewEntry, entry);
    if (next === null || next.version === lastApplied) return 'duplicate' as const;
    if (await deps.reviews.putEntry(next, entry === null ? null : lastApplied)) return 'applied' as const;
  }
  throw new Error(`The review queue entry of show ${showId} kept moving under ${maxAttempts} attempts`);
};

/** One batch of the events table's stream: streams in parallel; the first record of a stream that failed is reported. */
export const projectReviewQueueBatch = async (
  deps: { reviews: ReviewsTable; store: Pick<EventStore, 'readStream'> },
  records: readonly { sequenceNumber: string; event: EventEnvelope }[],
): Promise<DynamoDBBatchResponse> => {
  const byStream = new Map<string, EventEnvelope[]>();
  for (const { event } of records) {
    if (!event.streamId.startsWith(`${showStreamCategory}#`)) continue;
    byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  }
  const failed = new Set<string>();
  await Promise.all(
    [...byStream].map(([streamId, events]) =>
      applyToReviewQueue(deps, streamId, events).catch((error: unknown) => {
        logger.warn('review queue left a stream for a retry', { streamId, error: error instanceof Error ? error.message : String(error) });
        failed.add(streamId);
      }),
    ),
  );
  const first = records.find((record) => failed.has(record.event.streamId));
  return { batchItemFailures: first === undefined ? [] : [{ itemIdentifier: first.sequenceNumber }] };
};
