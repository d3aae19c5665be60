import * as z from 'zod';
import type { WorkflowDeps } from './deps';
import { parseTaskInput, preparedRunSchema, record, workflowActor } from './workflowInput';

const inputSchema = z.object({
  run: preparedRunSchema,
  taskToken: z.string().min(1),
  /** Set on the wait after an escalation: the review is already requested, only its token changes. */
  escalation: z.string().optional(),
});

/**
 * States AwaitReview and AwaitHumanReview, the `.waitForTaskToken` tasks of the review: stores the token where a decision finds it, then records the review
 * request. The token goes first, so whoever hears of the recorded ReviewRequested (the machine reviewer, through the
 * outbox) finds the token there. The workflow waits until a decision sends the token back.
 */
export const awaitReview = (deps: WorkflowDeps) => async (event: unknown) => {
  const { run, taskToken, escalation } = parseTaskInput(inputSchema, event);
  const { transcodeId } = run.prepared;
  await deps.reviews.putToken(run.showId, transcodeId, taskToken);
  // The escalation itself is recorded by whoever escalated (EscalateReview); this wait only brings a new token.
  if (escalation !== undefined) return { waiting: true };
  await record(deps.store, run, 'review-requested', { type: 'RequestReview', showId: run.showId, now: deps.now(), actor: workflowActor });
  return { waiting: true };
};
