import { z } from 'zod';
import { workflowConfig } from './config';
import { createReviews } from './reviews';
import { parseTaskInput, preparedRunSchema, record, workflowActor } from './workflowInput';

const inputSchema = z.object({
  run: preparedRunSchema,
  taskToken: z.string().min(1),
  /** Set on the wait after an escalation: the review is already requested, only its token changes. */
  escalation: z.string().optional(),
});

/**
 * The `.waitForTaskToken` task of the review: stores the token where a decision finds it, then records the review
 * request. The token goes first, so whoever hears of the recorded ReviewRequested (the machine reviewer, through the
 * outbox) finds the token there. The workflow waits until a decision sends the token back.
 */
export const handler = async (event: unknown) => {
  const { run, taskToken, escalation } = parseTaskInput(inputSchema, event);
  const { transcodeId } = run.prepared;
  const reviews = createReviews(workflowConfig().REVIEWS_TABLE);
  if (escalation !== undefined) {
    await reviews.escalate(run.showId, transcodeId, escalation, taskToken);
    return { waiting: true };
  }
  await reviews.putPending({ showId: run.showId, transcodeId, taskToken, executionName: run.executionName, requestedAt: new Date().toISOString() });
  await record(run, 'review-requested', { type: 'RequestReview', showId: run.showId, now: new Date().toISOString(), actor: workflowActor });
  return { waiting: true };
};
