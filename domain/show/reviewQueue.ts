import type { ReviewAssessment } from '../../events/catalog/reviewAssessment';
import type { ShowEvent } from './events';

/**
 * A show's entry in the reviewers' queue, folded from its events: the latest review and where it stands. `pending`
 * until a decision (`approved`, `rejected`) or until its run failed while it waited (`abandoned`: nobody can
 * decide it any more). `version` is the last show event folded in: the projection's gate.
 */
export interface ReviewEntry {
  readonly showId: string;
  readonly transcodeId: string;
  readonly status: 'pending' | 'approved' | 'rejected' | 'abandoned';
  /** The workflow run that asked for the review (the correlation id of its events). */
  readonly executionName: string;
  readonly requestedAt: string;
  /** Why a human must decide (MACHINE_UNSURE, TIMED_OUT), null while anyone may. */
  readonly escalation: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  /** What the machine reviewer measured, from its escalation or decision: why a human is asked, or why it decided. */
  readonly assessment?: ReviewAssessment;
  readonly version: number;
}

/** A show event with what the queue shows of its envelope. */
export interface QueuedShowEvent {
  readonly version: number;
  readonly occurredAt: string;
  readonly actorId: string;
  readonly correlationId: string;
  readonly event: ShowEvent;
}

const withAssessment = (entry: ReviewEntry, data: { assessment?: ReviewAssessment }): ReviewEntry => (data.assessment === undefined ? entry : { ...entry, assessment: data.assessment });

const decided = (entry: ReviewEntry, at: QueuedShowEvent, status: ReviewEntry['status']): ReviewEntry => ({
  ...entry,
  status,
  decidedBy: status === 'abandoned' ? null : at.actorId,
  decidedAt: at.occurredAt,
  version: at.version,
});

/** Folds one event into the entry; null while the show never asked for a review. Never throws. */
export const projectReviewEntry = (entry: ReviewEntry | null, at: QueuedShowEvent): ReviewEntry | null => {
  const { event } = at;
  if (event.type === 'ReviewRequested') {
    const { showId, transcodeId } = event.data;
    return { showId, transcodeId, status: 'pending', executionName: at.correlationId, requestedAt: at.occurredAt, escalation: null, decidedBy: null, decidedAt: null, version: at.version };
  }
  if (entry === null) return null;
  return foldIntoEntry(entry, at);
};

// A decision counts only for the review under way (pending, same transcode); anything else just advances the version.
const awaitsDecisionOn = (entry: ReviewEntry, transcodeId: string): boolean => entry.status === 'pending' && transcodeId === entry.transcodeId;

const foldIntoEntry = (entry: ReviewEntry, at: QueuedShowEvent): ReviewEntry => {
  const { event } = at;
  switch (event.type) {
    case 'ReviewEscalated':
      return awaitsDecisionOn(entry, event.data.transcodeId) ? withAssessment({ ...entry, escalation: event.data.reason, version: at.version }, event.data) : { ...entry, version: at.version };
    case 'ShowApproved':
    case 'ShowRejected':
      return awaitsDecisionOn(entry, event.data.transcodeId) ? withAssessment(decided(entry, at, event.type === 'ShowApproved' ? 'approved' : 'rejected'), event.data) : { ...entry, version: at.version };
    // The run stopped while the review waited: no workflow waits for a decision any more.
    case 'ProcessingFailed':
      return entry.status === 'pending' ? decided(entry, at, 'abandoned') : { ...entry, version: at.version };
    default:
      return { ...entry, version: at.version };
  }
};

/**
 * What moves a review; seen with no entry yet, they may follow a ReviewRequested that has not been folded (its record
 * came in a batch that failed, or out of order): the store says. A failed run without a review costs one read.
 */
const reviewEventTypes = new Set<ShowEvent['type']>(['ReviewEscalated', 'ShowApproved', 'ShowRejected', 'ProcessingFailed']);

/**
 * Which events bring an entry at `lastApplied` up to date: the incoming ones when they continue it without a gap,
 * or from their latest ReviewRequested on (a new review starts the entry over, so nothing before it matters);
 * `store` when some are missing (read the stream from `lastApplied + 1`); none when the show has no review yet
 * and nothing incoming asks for one, or when everything incoming was folded in already.
 */
export const reviewEventsToFold = (
  lastApplied: number,
  hasEntry: boolean,
  incoming: readonly QueuedShowEvent[],
): { readonly from: 'incoming'; readonly events: readonly QueuedShowEvent[] } | { readonly from: 'store' } | { readonly from: 'nothing' } => {
  const fresh = [...incoming].filter((e) => e.version > lastApplied).sort((a, b) => a.version - b.version);
  if (fresh.length === 0) return { from: 'nothing' };
  const lastRequest = fresh.findLastIndex((e) => e.event.type === 'ReviewRequested');
  const run = lastRequest >= 0 ? fresh.slice(lastRequest) : fresh;
  const contiguous = run.every((e, i) => i === 0 || e.version === (run[i - 1]?.version ?? 0) + 1);
  const joins = lastRequest >= 0 || run[0]?.version === lastApplied + 1;
  if (!hasEntry && lastRequest < 0) return fresh.some((e) => reviewEventTypes.has(e.event.type)) ? { from: 'store' } : { from: 'nothing' };
  return contiguous && joins ? { from: 'incoming', events: run } : { from: 'store' };
};

/** One event of a show's history as far as authorship goes: its type and who caused it. */
export interface AuthoredEvent {
  readonly type: string;
  readonly actorId: string;
}

/**
 * Whether `reviewerId` made what a review judges: they drafted the show or asked to upload one of its sources. Such a
 * reviewer may not decide on (or claim) its review: someone else must judge their work.
 */
export const judgesOwnWork = (history: readonly AuthoredEvent[], reviewerId: string): boolean =>
  history.some((event) => (event.type === 'ShowDrafted' || event.type === 'UploadRequested') && event.actorId === reviewerId);
