import { toEventBridgeEntry, type EventEnvelope } from '../../events/envelope';
import type { ParsedRecord } from './streamRecords';

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
  /** The first record not published: Lambda resumes the batch from it (ReportBatchItemFailures). */
  readonly firstUnpublished: string | undefined;
  readonly published: number;
  readonly putEventsCalls: number;
  readonly lastError?: unknown;
}

/** PutEvents takes at most 10 entries per call. */
export const maxEntriesPerCall = 10;

/**
 * The next chunk: up to 10 unpublished events, each the earliest unpublished one of its stream. A stream's
 * next event is only sent once its predecessor is acknowledged, so re-sending a failed entry can never let a
 * later event of its stream overtake it. Records after an invalid one wait (its stream is unknown).
 */
const nextChunk = (records: readonly ParsedRecord[], done: readonly boolean[]): { index: number; event: EventEnvelope }[] => {
  const chunk: { index: number; event: EventEnvelope }[] = [];
  const blocked = new Set<string>();
  for (let index = 0; index < records.length && chunk.length < maxEntriesPerCall; index += 1) {
    const record = records[index] as ParsedRecord;
    if (done[index] === true || record.kind === 'skip') continue;
    if (record.kind === 'invalid') break;
    if (!blocked.has(record.event.streamId)) chunk.push({ index, event: record.event });
    blocked.add(record.event.streamId);
  }
  return chunk;
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one chunk, re-sending only the entries that failed, at most `maxAttempts` calls; returns what is still unsent. */
const sendChunk = async (chunk: { index: number; event: EventEnvelope }[], options: PublishOptions, tally: { calls: number; lastError?: unknown }) => {
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
 * Publishes a stream batch: chunks of at most 10, only the entries EventBridge failed are re-sent, a bounded
 * number of times, and never a stream's event before its predecessor. When an entry stays unpublished (or a
 * record is not a valid event), the run ends and the earliest unpublished record is reported: Lambda
 * re-delivers from it, and records after it that did go out become duplicates, which consumers drop by
 * stream version (or event id).
 */
export const publishInOrder = async (records: readonly ParsedRecord[], options: PublishOptions): Promise<PublishResult> => {
  const done = records.map((record) => record.kind === 'skip');
  const tally: { calls: number; lastError?: unknown } = { calls: 0 };
  let published = 0;
  for (let chunk = nextChunk(records, done); chunk.length > 0; chunk = nextChunk(records, done)) {
    const unsent = new Set((await sendChunk(chunk, options, tally)).map(({ index }) => index));
    for (const { index } of chunk) {
      if (unsent.has(index)) continue;
      done[index] = true;
      published += 1;
    }
    if (unsent.size > 0) break;
  }
  const first = records.findIndex((_, index) => done[index] !== true);
  const firstRecord = records[first];
  if (firstRecord?.kind === 'invalid') tally.lastError = firstRecord.error;
  return { firstUnpublished: firstRecord?.sequenceNumber, published, putEventsCalls: tally.calls, ...(tally.lastError === undefined ? {} : { lastError: tally.lastError }) };
};
