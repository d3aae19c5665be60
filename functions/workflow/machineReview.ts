import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { z } from 'zod';
import { decideMachineReview } from '../../domain/media/reviewDecision';
import type { Actor } from '../../events/envelope';
import { logger } from '../runtime/logger';
import { eventStore } from '../runtime/eventStore';
import { s3Client } from '../runtime/sdk/s3';
import { executeShowCommand, loadShow } from '../shows/showCommands';
import { workflowConfig } from './config';
import { decideReview } from './decideReview';
import { sendReviewHeartbeat } from './heartbeat';
import { measureSignals } from './signals';
import { createReviews, ReviewAlreadyDecidedError } from './reviews';

const notificationSchema = z.object({
  id: z.string().default('unknown'),
  detail: z.object({ showId: z.string(), transcodeId: z.string(), source: z.object({ bucket: z.string(), key: z.string() }) }),
});

const machine: Actor = { id: 'machine-reviewer', kind: 'service' };

/**
 * The machine reviewer: on a ReviewRequested notification it measures the source (black picture, silence) and
 * approves, rejects, or escalates to a human when the signals are not clear. A human who decided first wins.
 */
export const handler = async (event: unknown) => {
  const { id, detail } = notificationSchema.parse(event);
  const reviews = createReviews(workflowConfig().REVIEWS_TABLE);
  const { state } = await loadShow(eventStore(), detail.showId);
  if (state.status !== 'inReview' || state.review?.transcodeId !== detail.transcodeId || state.probe === null) return { decided: false };
  // The review is picked up: the wait's "nobody opened it" deadline starts over while the media is measured.
  const pickedUp = await sendReviewHeartbeat(reviews, detail.showId);
  if (!pickedUp) return { decided: false };
  const url = await getSignedUrl(s3Client(), new GetObjectCommand({ Bucket: detail.source.bucket, Key: detail.source.key }), { expiresIn: 900 });
  const signals = await measureSignals(url, state.probe.durationMs / 1000, state.probe.audio.length > 0);
  const outcome = decideMachineReview(signals);
  const now = new Date().toISOString();
  const commandId = `machine-review:${detail.transcodeId}`;
  logger.info('machine review', { showId: detail.showId, eventId: id, signals, outcome: outcome.decision });
  if (outcome.decision === 'escalate') {
    await executeShowCommand(eventStore(), { type: 'EscalateReview', showId: detail.showId, now, actor: machine, reason: 'MACHINE_UNSURE', message: outcome.message }, { commandId, correlationId: id, actor: machine });
    await reviews.escalate(detail.showId, detail.transcodeId, 'MACHINE_UNSURE');
    return { decided: false, escalated: true };
  }
  try {
    await decideReview(reviews, {
      showId: detail.showId,
      decision: outcome.decision === 'approve' ? { decision: 'approve', note: outcome.note } : { decision: 'reject', reason: outcome.reason, message: outcome.message },
      actor: machine,
      now,
      commandId,
    });
    return { decided: true, decision: outcome.decision };
  } catch (error) {
    if (error instanceof ReviewAlreadyDecidedError) return { decided: false };
    throw error;
  }
};
