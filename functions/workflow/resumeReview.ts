import type { ReviewsTable } from './reviewsTable';
import type { WorkflowTasks } from './workflowTasks';

export interface ResumeDeps {
  readonly reviews: Pick<ReviewsTable, 'token'>;
  readonly tasks: WorkflowTasks;
  readonly pause: (ms: number) => Promise<void>;
}

export type ResumeOutcome = 'resumed' | 'waitOver';

/**
 * Sends a recorded decision back to the workflow waiting for that review. A decision that lands just as the wait
 * timed out meets a dead token; the escalated wait stores a fresh one in a moment, so the token is read again and
 * the send retried rather than the decision lost. When no fresh token comes, the wait is over (the decision was
 * sent already, or the run ended): nothing is left to resume.
 */
export const resumeReviewedWorkflow = async (
  deps: ResumeDeps,
  review: { showId: string; transcodeId: string; decision: 'approve' | 'reject' },
  maxAttempts = 10,
): Promise<ResumeOutcome> => {
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const token = await deps.reviews.token(review.showId, review.transcodeId);
    if (token !== undefined && (await deps.tasks.succeed(token, { decision: review.decision })) === 'sent') return 'resumed';
    await deps.pause(500 * attempt);
  }
  return 'waitOver';
};
