import { z } from 'zod';
import { rejectionReasonSchema } from '../../../events/catalog/showRejected';
import { messageSchema, showIdSchema } from '../../../events/catalog/fields';
import { HttpError } from '../../http/errors';
import { json } from '../../http/response';
import { httpHandler } from '../../http/httpHandler';
import { workflowConfig } from '../config';
import { decideReview } from '../decideReview';
import { sendReviewHeartbeat } from '../heartbeat';
import { createReviews, ReviewAlreadyDecidedError } from '../reviews';

const reviews = () => createReviews(workflowConfig().REVIEWS_TABLE);

/** GET /reviews?status=pending (reviewer): the reviews waiting for a human, oldest first. */
export const list = httpHandler(
  { query: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'abandoned']).default('pending') }), access: { roles: ['reviewer'] } },
  async ({ query }) => {
    const items = await reviews().listByStatus(query.status);
    return json(200, { reviews: items.map(({ taskToken: _token, ...item }) => item) });
  },
);

const decisionSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve'), reason: messageSchema.optional() }),
  z.strictObject({ decision: z.literal('reject'), reason: messageSchema, category: rejectionReasonSchema.default('OTHER') }),
]);

/** POST /reviews/{showId}/decision (reviewer): one decision per review; a second one is a 409. */
export const decide = httpHandler(
  { path: z.object({ showId: showIdSchema }), body: decisionSchema, access: { roles: ['reviewer'] } },
  async ({ path, body, caller, requestId, now }) => {
    try {
      const { transcodeId } = await decideReview(reviews(), {
        showId: path.showId,
        decision: body.decision === 'approve' ? { decision: 'approve', ...(body.reason === undefined ? {} : { note: body.reason }) } : { decision: 'reject', reason: body.category, message: body.reason },
        actor: { id: caller?.userId ?? 'unknown', kind: 'user' },
        now,
        commandId: requestId,
      });
      return json(200, { showId: path.showId, transcodeId, decision: body.decision });
    } catch (error) {
      if (error instanceof ReviewAlreadyDecidedError) throw new HttpError(409, 'REVIEW_NOT_PENDING', error.message);
      throw error;
    }
  },
);

/**
 * POST /reviews/{showId}/claim (reviewer): a reviewer opened the review. Sends the waiting workflow a heartbeat, so
 * the "nobody even opened it" deadline (HeartbeatSeconds) starts over; the review stays pending for anyone to decide.
 */
export const claim = httpHandler({ path: z.object({ showId: showIdSchema }), access: { roles: ['reviewer'] } }, async ({ path, caller, now }) => {
  const claimedBy = caller?.userId ?? 'unknown';
  try {
    await reviews().markClaimed(path.showId, claimedBy, now);
  } catch (error) {
    if (error instanceof ReviewAlreadyDecidedError) throw new HttpError(409, 'REVIEW_NOT_PENDING', error.message);
    throw error;
  }
  const workflowNotified = await sendReviewHeartbeat(reviews(), path.showId);
  if (!workflowNotified) throw new HttpError(409, 'REVIEW_NOT_PENDING', `The review of show ${path.showId} is no longer waiting for a decision.`);
  return json(200, { showId: path.showId, claimedBy, claimedAt: now });
});
