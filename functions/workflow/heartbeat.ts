import type { ReviewsTable } from './reviewsTable';
import type { WorkflowTasks } from './workflowTasks';

/**
 * Tells the waiting review task that someone picked the review up. The first review wait declares HeartbeatSeconds
 * (workflows/deadlines.yml): a review nobody even opened in that time escalates early; a heartbeat restarts that
 * clock, TimeoutSeconds still caps the whole wait. Resolves false when the wait is over (decided, timed out, or
 * failed): there is nothing left to keep alive. A token replaced by an escalation is read again, once.
 */
export const sendReviewHeartbeat = async (deps: { reviews: ReviewsTable; tasks: WorkflowTasks }, showId: string, transcodeId: string): Promise<boolean> => {
  let token = await deps.reviews.token(showId, transcodeId);
  for (let attempt = 1; token !== undefined && attempt <= 2; attempt += 1) {
    if ((await deps.tasks.heartbeat(token)) === 'sent') return true;
    const fresh = await deps.reviews.token(showId, transcodeId);
    token = fresh === token ? undefined : fresh;
  }
  return false;
};
