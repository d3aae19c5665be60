import type { GroupFailure, Groups } from '../../adapters/streams';
import { toEventBridgeEntry, type EventEnvelope } from '../../events/envelope';

export type EventBridgeEntry = ReturnType<typeof toEventBridgeEntry>;
export interface PutEventsAnswer {
  readonly FailedEntryCount?: number;
  readonly Entries?: readonly { readonly EventId?: string; readonly ErrorCode?: string; readonly ErrorMessage?: string }[];
}
/** PutEvents (the SDK's, or a local or fault-injecting stand-in). It may reject, or answer 200 with failed entries. */
export type PutEvents = (entries: EventBridgeEntry[]) => Promise<PutEventsAnswer>;

export interface PublishOptions {
  readonly eventBusName: string;
  readonly putEvents: PutEvents;
  /** PutEvents calls per chunk, the first included (bounded: Lambda's own retries take over after). */
  readonly maxAttempts?: number;
  readonly backoffMs?: (attempt: number) => number;
}

export interface PublishResult {
  /** Streams left with events unpublished, from which one: Lambda resumes from there (ReportBatchItemFailures). */
  readonly failures: ReadonlyMap<string, GroupFailure>;
  readonly published: number;
  readonly putEventsCalls: number;
}

/** PutEvents takes at most 10 entries per call. */
export const maxEntriesPerCall = 10;

interface Pending {
  readonly streamId: string;
  readonly event: EventEnvelope;
}

/**
 * The next chunk: up to 10 unpublished events, each the earliest unpublished one of its stream. A stream's next
 * event is only sent once its predecessor is acknowledged, so re-sending a failed entry can never let a later
 * event of its stream overtake it.
 */
const nextChunk = (groups: Groups<EventEnvelope>, position: ReadonlyMap<string, number>, failed: ReadonlyMap<string, GroupFailure>): Pending[] => {
  const chunk: Pending[] = [];
  for (const [streamId, units] of groups) {
    const event = failed.has(streamId) ? undefined : units[position.get(streamId) ?? 0]?.value;
    if (event !== undefined) chunk.push({ streamId, event });
    if (chunk.length === maxEntriesPerCall) break;
  }
  return chunk;
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one chunk, re-sending only the entries that failed, at most `maxAttempts` calls; returns what is still unsent. */
const sendChunk = async (chunk: Pending[], options: PublishOptions, tally: { calls: number; lastError?: unknown }) => {
  const maxAttempts = options.maxAttempts ?? 4;
  const backoffMs = options.backoffMs ?? ((attempt: number) => Math.min(1000, 50 * 2 ** attempt));
  let pending = chunk;
  for (let attempt = 1; pending.length > 0 && attempt <= maxAttempts; attempt += 1) {
    if (attempt > 1) await delay(backoffMs(attempt - 1));
    tally.calls += 1;
    try {
      const answer = await options.putEvents(pending.map(({ event }) => toEventBridgeEntry(event, options.eventBusName)));
      // EventBridge answers 200 with an ErrorCode per failed entry, in request order: only those go again.
      const failed = pending.filter((_, i) => answer.Entries?.[i]?.EventId === undefined || answer.Entries[i]?.ErrorCode !== undefined);
      if (failed.length > 0) tally.lastError = answer.Entries?.find((e) => e.ErrorCode !== undefined);
      pending = failed;
    } catch (error) {
      // The whole call failed (throttled, network): nothing of it is known to be on the bus; send it all again.
      tally.lastError = error;
    }
  }
  return pending;
};

/**
 * Publishes a stream batch, grouped by stream: chunks of at most 10, only the entries EventBridge failed are
 * re-sent, a bounded number of times, and never a stream's event before its predecessor. A stream whose entry
 * stays unpublished stops there and is reported from that event on; the other streams go on. Lambda re-delivers
 * from the earliest reported record, and what went out after it becomes duplicates, which consumers drop by
 * stream version (or event id).
 */
export const publishInOrder = async (groups: Groups<EventEnvelope>, options: PublishOptions): Promise<PublishResult> => {
  const position = new Map<string, number>();
  const failures = new Map<string, GroupFailure>();
  const tally: { calls: number; lastError?: unknown } = { calls: 0 };
  let published = 0;
  for (let chunk = nextChunk(groups, position, failures); chunk.length > 0; chunk = nextChunk(groups, position, failures)) {
    const unsent = new Set((await sendChunk(chunk, options, tally)).map(({ streamId }) => streamId));
    for (const { streamId } of chunk) {
      const at = position.get(streamId) ?? 0;
      if (unsent.has(streamId)) failures.set(streamId, { from: at, error: tally.lastError ?? new Error('not accepted by the bus') });
      else {
        position.set(streamId, at + 1);
        published += 1;
      }
    }
  }
  return { failures, published, putEventsCalls: tally.calls };
};
