import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import * as z from 'zod';
import { decideMachineReviewWithModeration } from '../../domain/media/moderation';
import type { MachineReview } from '../../domain/media/reviewDecision';
import { decodeShowEvent, type ShowState } from '../../domain/show';
import type { ReviewAssessment } from '../../events/catalog/reviewAssessment';
import { envelopeSchema, type Actor } from '../../events/envelope';
import { logger } from '../runtime/logger';
import { executeShowCommand, loadShow } from '../shows/showCommands';
import type { WorkflowDeps } from './deps';
import { sendReviewHeartbeat } from './heartbeat';
import type { ModerationDeps } from './moderationDeps';
import { recordReviewDecision, ReviewNotPendingError } from './reviewDecision';
import { measureSignals } from './signals';

/** The outboxed ReviewRequested as the publisher puts it on the bus: the stored envelope is the detail. */
const reviewRequestedSchema = z.object({ detail: envelopeSchema });

const machine: Actor = { id: 'machine-reviewer', kind: 'service' };

/**
 * The machine reviewer: on a recorded ReviewRequested it measures the source (black picture, silence) and
 * approves (or recommends approval), rejects, or escalates to a human when the signals are not clear. A human who
 * decided first wins. The source is the show's current upload (in the source bucket), which the review's transcode
 * was made from. Its rule is domain/media/reviewDecision.ts, described in README.md.
 */
/** The review's source and probe, when the show still waits for this transcode's review; else undefined. */
const pendingReviewOf = (state: ShowState, transcodeId: string) => {
  const sourceKey = state.upload?.source?.key;
  if (state.status !== 'inReview' || state.review?.transcodeId !== transcodeId || state.probe === null || sourceKey === undefined) return undefined;
  return { sourceKey, probe: state.probe };
};

/** Where the outcome came from: the review's show and transcode, and the recorded ReviewRequested it answers. */
export interface MachineReviewContext {
  readonly showId: string;
  readonly transcodeId: string;
  readonly eventId: string;
  readonly correlationId: string;
}

/**
 * Acts on the machine's outcome: an escalation and a rejection are recorded; an approval is recorded when its
 * approvals publish (MACHINE_REVIEW_APPROVALS=publish), or only noted on the review for a human to confirm
 * (`recommend`): the review then stays pending, with the recommendation in GET /reviews.
 */
export const actOnMachineReview = async (
  deps: Pick<WorkflowDeps, 'config' | 'store' | 'reviews' | 'now'>,
  review: MachineReviewContext,
  outcome: MachineReview,
  assessment?: ReviewAssessment,
) => {
  const { store } = deps;
  const now = deps.now();
  const commandId = `machine-review:${review.transcodeId}`;
  const measured = assessment === undefined ? {} : { assessment };
  if (outcome.decision === 'escalate') {
    const escalate = { type: 'EscalateReview', showId: review.showId, now, actor: machine, reason: 'MACHINE_UNSURE', message: outcome.message, ...measured } as const;
    await executeShowCommand(store, escalate, { commandId, correlationId: review.correlationId, causationId: review.eventId, actor: machine });
    return { decided: false, escalated: true };
  }
  if (outcome.decision === 'approve' && deps.config.MACHINE_REVIEW_APPROVALS === 'recommend') {
    await deps.reviews.noteRecommendation(review.showId, review.transcodeId, machine.id, now, outcome.note);
    return { decided: false, recommended: true };
  }
  try {
    await recordReviewDecision(store, {
      showId: review.showId,
      decision: outcome.decision === 'approve' ? { decision: 'approve', note: outcome.note, ...measured } : { decision: 'reject', reason: outcome.reason, message: outcome.message, ...measured },
      actor: machine,
      now,
      commandId,
      correlationId: review.correlationId,
    });
    return { decided: true, decision: outcome.decision };
  } catch (error) {
    if (error instanceof ReviewNotPendingError) return { decided: false };
    throw error;
  }
};

export const machineReview = (deps: WorkflowDeps & ModerationDeps) => async (event: unknown) => {
  const envelope = reviewRequestedSchema.parse(event).detail;
  const requested = decodeShowEvent(envelope);
  if (requested.type !== 'ReviewRequested') return { decided: false };
  const detail = requested.data;
  const { state } = await loadShow(deps.store, detail.showId);
  const pending = pendingReviewOf(state, detail.transcodeId);
  if (pending === undefined) return { decided: false };
  // The review is picked up: the wait's "nobody opened it" deadline starts over while the media is measured.
  const pickedUp = await sendReviewHeartbeat(deps, detail.showId, detail.transcodeId);
  if (!pickedUp) return { decided: false };
  const bucket = deps.config.SOURCE_BUCKET;
  const url = await getSignedUrl(deps.s3, new GetObjectCommand({ Bucket: bucket, Key: pending.sourceKey }), { expiresIn: 900 });
  const durationSeconds = pending.probe.durationMs / 1000;
  const review = { showId: detail.showId, transcodeId: detail.transcodeId, eventId: envelope.eventId, correlationId: envelope.correlationId };
  // Both decode the source; they run side by side (a Lambda's vCPUs grow with its memory).
  const [signals, moderation] = await Promise.all([
    measureSignals(url, durationSeconds, pending.probe.audio.length > 0),
    deps.moderator.moderate({ url, durationSeconds, bucket, key: pending.sourceKey, review }),
  ]);
  if (moderation.status === 'started') {
    // Rekognition answers later, on its topic: moderationCompleted.ts decides then, with these signals.
    await deps.moderationJobs.put(review, moderation.jobId, signals);
    logger.info('machine review waits for content moderation', { showId: detail.showId, jobId: moderation.jobId, signals });
    return { decided: false, moderating: moderation.jobId };
  }
  const { outcome, assessment } = decideMachineReviewWithModeration(signals, moderation.status === 'scored' ? moderation.scores : null, deps.policies);
  logger.info('machine review', { showId: detail.showId, eventId: envelope.eventId, assessment, outcome: outcome.decision, approvals: deps.config.MACHINE_REVIEW_APPROVALS });
  return actOnMachineReview(deps, review, outcome, assessment);
};
