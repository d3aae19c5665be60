import type { EventStore } from '../../adapters/eventstore';
import { CommandRefusedError } from '../../domain/decider';
import type { ApproveShow, RejectShow } from '../../domain/show/commands';
import type { ReviewAssessment } from '../../events/catalog/reviewAssessment';
import type { RejectionReason } from '../../events/catalog/showRejected';
import type { Actor } from '../../events/envelope';
import { executeShowCommand } from '../shows/showCommands';

/** A decision; the machine reviewer's carries what it measured (`assessment`), a person's none. */
export type ReviewDecision =
  | { readonly decision: 'approve'; readonly note?: string; readonly assessment?: ReviewAssessment }
  | { readonly decision: 'reject'; readonly reason: RejectionReason; readonly message: string; readonly assessment?: ReviewAssessment };

export class ReviewNotPendingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewNotPendingError';
  }
}

const commandOf = (decision: ReviewDecision, base: { showId: string; now: string; actor: Actor }): ApproveShow | RejectShow => {
  if (decision.decision === 'approve') {
    const { decision: _approve, ...fields } = decision;
    return { type: 'ApproveShow', ...base, ...fields };
  }
  const { decision: _reject, ...fields } = decision;
  return { type: 'RejectShow', ...base, ...fields };
};

/**
 * Records a review decision, human or machine: one conditional append to the show's stream. The decider refuses a
 * decision on a review that is not pending (decided, abandoned by a failed run, never requested), and the append's
 * expected version refuses the second of two racing decisions, so exactly one decision is ever recorded. The
 * workflow is resumed from that recorded fact (resumeReview.ts), not from here.
 */
export const recordReviewDecision = async (
  store: EventStore,
  input: { showId: string; decision: ReviewDecision; actor: Actor; now: string; commandId: string; correlationId: string },
): Promise<{ transcodeId: string }> => {
  const { decision, showId, now, actor } = input;
  const context = { commandId: input.commandId, correlationId: input.correlationId, actor };
  try {
    const handled = await executeShowCommand(store, commandOf(decision, { showId, now, actor }), context);
    const recorded = handled.events.find((event) => event.type === 'ShowApproved' || event.type === 'ShowRejected');
    const transcodeId = recorded !== undefined && typeof recorded.data === 'object' && recorded.data !== null && 'transcodeId' in recorded.data ? String(recorded.data.transcodeId) : undefined;
    if (transcodeId === undefined) throw new ReviewNotPendingError(`The review of show ${showId} was already decided.`);
    return { transcodeId };
  } catch (error) {
    if (error instanceof CommandRefusedError) throw new ReviewNotPendingError(error.message);
    throw error;
  }
};
