import { InvalidToken, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import type { RejectionReason } from '../../events/catalog/showRejected';
import type { Actor } from '../../events/envelope';
import { eventStore } from '../runtime/eventStore';
import { executeShowCommand } from '../shows/showCommands';
import { sfnClient } from '../runtime/sdk/sfn';
import { ReviewAlreadyDecidedError, type createReviews } from './reviews';

export type ReviewDecision =
  | { readonly decision: 'approve'; readonly note?: string }
  | { readonly decision: 'reject'; readonly reason: RejectionReason; readonly message: string };

/**
 * The one path of a review decision, human or machine: claim the pending review (one decision per review),
 * record it in the show's stream, then resume the workflow with the decision.
 */
export const decideReview = async (
  reviews: ReturnType<typeof createReviews>,
  input: { showId: string; decision: ReviewDecision; actor: Actor; now: string; commandId: string },
): Promise<{ transcodeId: string }> => {
  const item = await reviews.get(input.showId);
  if (item === undefined || item.status !== 'pending') throw new ReviewAlreadyDecidedError(input.showId);
  const { decision } = input;
  await reviews.claim(input.showId, item.transcodeId, decision.decision === 'approve' ? 'approved' : 'rejected', input.actor.id, input.now);
  const base = { showId: input.showId, now: input.now, actor: input.actor };
  const context = { commandId: input.commandId, correlationId: item.executionName, actor: input.actor };
  await executeShowCommand(
    eventStore(),
    decision.decision === 'approve'
      ? { type: 'ApproveShow', ...base, ...(decision.note === undefined ? {} : { note: decision.note }) }
      : { type: 'RejectShow', ...base, reason: decision.reason, message: decision.message },
    context,
  );
  await resume(reviews, input.showId, item.taskToken, decision.decision);
  return { transcodeId: item.transcodeId };
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the decision back to the waiting workflow. A decision that lands just as the wait timed out meets a dead
 * token; the escalated wait stores a fresh one in a moment, so read it again and retry rather than lose the decision.
 */
const resume = async (reviews: ReturnType<typeof createReviews>, showId: string, firstToken: string, decision: string): Promise<void> => {
  let token = firstToken;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await sfnClient().send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision }) }));
      return;
    } catch (error) {
      const deadToken = error instanceof TaskTimedOut || error instanceof InvalidToken || error instanceof TaskDoesNotExist;
      if (!deadToken || attempt >= 10) throw error;
      await pause(500 * attempt);
      token = (await reviews.get(showId))?.taskToken ?? token;
    }
  }
};
