import { showStreamId } from '../../../domain/show';
import { judgesOwnWork } from '../../../domain/show/reviewQueue';
import type { PlaybackConfig } from '../../delivery/config';
import { HttpError } from '../../http/errors';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { loadShow } from '../../shows/showCommands';
import type { WorkflowDeps } from '../deps';
import { sendReviewHeartbeat } from '../heartbeat';
import { manifestKeysOf } from '../manifestKeys';
import { recordReviewDecision, ReviewNotPendingError } from '../reviewDecision';
import { InvalidCursorError, type ReviewView } from '../reviewsTable';
import { workflowRoutes } from '../routes';

const notPending = (message: string) => new HttpError(409, 'REVIEW_NOT_PENDING', message);

type ReviewsDeps = Pick<WorkflowDeps, 'store' | 'reviews' | 'tasks' | 'now'>;

/**
 * A reviewer may not judge what they made (drafted, or uploaded a source of): 403, saying so. Read from the show's
 * own events, the record of who did what.
 */
const refuseOwnWork = async (deps: ReviewsDeps, showId: string, reviewerId: string): Promise<void> => {
  const { events } = await deps.store.readStream(showStreamId(showId));
  if (judgesOwnWork(events.map((event) => ({ type: event.type, actorId: event.actor.id })), reviewerId)) {
    throw new HttpError(403, 'OWN_UPLOAD', `You created show ${showId} or uploaded its source, so you cannot judge its review: another reviewer must.`);
  }
};

/** A grant over the transcode under review, for the reviewer's player: every object under its prefix (HLS and DASH). */
const previewOf = async (deps: Pick<ReviewsDeps, 'store'>, preview: PlaybackConfig, review: ReviewView, now: string) => {
  const { state } = await loadShow(deps.store, review.showId);
  const keys = manifestKeysOf(state, review.showId, review.transcodeId);
  const grant = await preview.signer.grant({ outputs: [{ format: 'hls', key: keys.hlsMaster }, { format: 'dash', key: keys.dashManifest }], now: new Date(now), ttlSeconds: preview.ttlSeconds });
  return { expiresAt: new Date(Date.parse(now) + preview.ttlSeconds * 1000).toISOString(), ...grant };
};

/** GET /reviews (reviewer, admin): the review queue (a projection of show events), a page at a time; pending ones with a preview grant. */
export const reviewListApi = (deps: ReviewsDeps & { readonly preview: PlaybackConfig }) =>
  httpHandler({ ...workflowRoutes.listReviews, clock: () => new Date(deps.now()) }, async ({ query, now }) => {
    const page = await deps.reviews.listByStatus(query.status, query.limit, query.cursor).catch((error: unknown) => {
      if (error instanceof InvalidCursorError) throw new HttpError(400, 'INVALID_CURSOR', error.message);
      throw error;
    });
    const reviews = await Promise.all(page.reviews.map(async (review) => (review.status === 'pending' ? { ...review, preview: await previewOf(deps, deps.preview, review, now) } : review)));
    return json(200, { reviews, nextCursor: page.nextCursor }, { 'cache-control': 'private, no-store' });
  });

/** The reviewers' decisions over their ports: reviews.ts wires them to the container's clients, tests to their own. */
export const reviewsApi = (deps: ReviewsDeps) => ({
  /**
   * POST /reviews/{showId}/decision (reviewer, admin): one decision per review, recorded in the show's stream; a second
   * one, or one on a review no run waits for, is a 409. The workflow is resumed from the recorded decision (reviewResumer).
   */
  decide: httpHandler(workflowRoutes.decide, async ({ path, body, caller, requestId, now }) => {
    const reviewerId = caller?.userId ?? 'unknown';
    await refuseOwnWork(deps, path.showId, reviewerId);
    const entry = await deps.reviews.entry(path.showId);
    try {
      const { transcodeId } = await recordReviewDecision(deps.store, {
        showId: path.showId,
        decision: body.decision === 'approve' ? { decision: 'approve', ...(body.reason === undefined ? {} : { note: body.reason }) } : { decision: 'reject', reason: body.category, message: body.reason },
        actor: { id: reviewerId, kind: 'user' },
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
   * POST /reviews/{showId}/claim (reviewer, admin): a reviewer opened the review. Sends the waiting workflow a heartbeat,
   * so the "nobody even opened it" deadline (HeartbeatSeconds) starts over; the review stays pending for anyone to decide.
   */
  claim: httpHandler(workflowRoutes.claim, async ({ path, caller, now }) => {
    const claimedBy = caller?.userId ?? 'unknown';
    await refuseOwnWork(deps, path.showId, claimedBy);
    const { state } = await loadShow(deps.store, path.showId);
    const transcodeId = state.status === 'inReview' && state.review?.status === 'pending' ? state.review.transcodeId : undefined;
    if (transcodeId === undefined) throw notPending(`The review of show ${path.showId} was already decided or is not pending.`);
    await deps.reviews.noteClaim(path.showId, transcodeId, claimedBy, now);
    const workflowNotified = await sendReviewHeartbeat(deps, path.showId, transcodeId);
    if (!workflowNotified) throw notPending(`The review of show ${path.showId} is no longer waiting for a decision.`);
    return json(200, { showId: path.showId, claimedBy, claimedAt: now });
  }),
});
