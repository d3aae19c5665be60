import { InvalidToken, SendTaskHeartbeatCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import { sfnClient } from '../runtime/sdk/sfn';
import type { createReviews } from './reviews';

/**
 * Tells the waiting review task that someone picked the review up. The first review wait declares HeartbeatSeconds
 * (workflows/deadlines.yml): a review nobody even opened in that time escalates early; a heartbeat restarts that
 * clock, TimeoutSeconds still caps the whole wait. Resolves false when the wait is over (decided, timed out, or
 * failed): there is nothing left to keep alive. A token replaced by an escalation is read again, once.
 */
export const sendReviewHeartbeat = async (reviews: ReturnType<typeof createReviews>, showId: string): Promise<boolean> => {
  let token = (await reviews.get(showId))?.taskToken;
  for (let attempt = 1; token !== undefined && attempt <= 2; attempt += 1) {
    try {
      await sfnClient().send(new SendTaskHeartbeatCommand({ taskToken: token }));
      return true;
    } catch (error) {
      if (!(error instanceof TaskTimedOut || error instanceof InvalidToken || error instanceof TaskDoesNotExist)) throw error;
      const fresh = (await reviews.get(showId))?.taskToken;
      token = fresh === token ? undefined : fresh;
    }
  }
  return false;
};
