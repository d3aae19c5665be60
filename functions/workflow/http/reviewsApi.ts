import { z } from 'zod';
import { messageSchema, showIdSchema } from '../../../events/catalog/fields';
import { rejectionReasonSchema } from '../../../events/catalog/showRejected';
import { HttpError } from '../../http/errors';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { loadShow } from '../../shows/showCommands';
import type { WorkflowDeps } from '../deps';
import { sendReviewHeartbeat } from '../heartbeat';
import { recordReviewDecision, ReviewNotPendingError } from '../reviewDecision';

const decisionSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve'), reason: messageSchema.optional() }),
  z.strictObject({ decision: z.literal('reject'), reason: messageSchema, category: rejectionReasonSchema.default('OTHER') }),
]);

const notPending = (message: string) => new HttpError(409, 'REVIEW_NOT_PENDING', message);

/** The reviewers' routes over their ports: reviews.ts wires them to the container's clients, tests to their own. */
export const reviewsApi = (deps: Pick<WorkflowDeps, 'store' | 'reviews' | 'tasks'>) => ({
  /** GET /reviews?status=pending (reviewer): the review queue (a projection of show events), oldest first. */
  list: httpHandler(
    { query: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'abandoned']).default('pending') }), access: { roles: ['reviewer'] } },
    async ({ query }) => json(200, { reviews: await deps.reviews.listByStatus(query.status) }),
  ),

  /**
   * POST /reviews/{showId}/decision (reviewer): one decision per review, recorded in the show's stream; a second one,
   * or one on a review no run waits for, is a 409. The workflow is resumed from the recorded decision (reviewResumer).
   */
  decide: httpHandler({ path: z.object({ showId: showIdSchema }), body: decisionSchema, access: { roles: ['reviewer'] } }, async ({ path, body, caller, requestId, now }) => {
    const entry = await deps.reviews.entry(path.showId);
    try {
      const { transcodeId } = await recordReviewDecision(deps.store, {
        showId: path.showId,
        decision: body.decision === 'approve' ? { decision: 'approve', ...(body.reason === undefined ? {} : { note: body.reason }) } : { decision: 'reject', reason: body.category, message: body.reason },
        actor: { id: caller?.userId ?? 'unknown', kind: 'user' },
        now,
        commandId: requestId,
        correlationId: entry?.executionName ?? requestId,
      });
      return json(200, { showId: path.showId, transcodeId, decision: body.decision });
    } catch (error) {
      if (error instanceof ReviewNotPendingError) throw notPending(error.message);
      throw error;
    }
  }),

  /**
   * POST /reviews/{showId}/claim (reviewer): a reviewer opened the review. Sends the waiting workflow a heartbeat, so
   * the "nobody even opened it" deadline (HeartbeatSeconds) starts over; the review stays pending for anyone to decide.
   */
  claim: httpHandler({ path: z.object({ showId: showIdSchema }), access: { roles: ['reviewer'] } }, async ({ path, caller, now }) => {
    const claimedBy = caller?.userId ?? 'unknown';
    const { state } = await loadShow(deps.store, path.showId);
    const transcodeId = state.status === 'inReview' && state.review?.status === 'pending' ? state.review.transcodeId : undefined;
    if (transcodeId === undefined) throw notPending(`The review of show ${path.showId} was already decided or is not pending.`);
    await deps.reviews.noteClaim(path.showId, transcodeId, claimedBy, now);
    const workflowNotified = await sendReviewHeartbeat(deps, path.showId, transcodeId);
    if (!workflowNotified) throw notPending(`The review of show ${path.showId} is no longer waiting for a decision.`);
    return json(200, { showId: path.showId, claimedBy, claimedAt: now });
  }),
});
