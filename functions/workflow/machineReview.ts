import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { z } from 'zod';
import { decideMachineReview } from '../../domain/media/reviewDecision';
import { decodeShowEvent, type ShowState } from '../../domain/show';
import { envelopeSchema, type Actor } from '../../events/envelope';
import { logger } from '../runtime/logger';
import { executeShowCommand, loadShow } from '../shows/showCommands';
import type { WorkflowDeps } from './deps';
import { sendReviewHeartbeat } from './heartbeat';
import { recordReviewDecision, ReviewNotPendingError } from './reviewDecision';
import { measureSignals } from './signals';

/** The outboxed ReviewRequested as the publisher puts it on the bus: the stored envelope is the detail. */
const reviewRequestedSchema = z.object({ detail: envelopeSchema });

const machine: Actor = { id: 'machine-reviewer', kind: 'service' };

/**
 * The machine reviewer: on a recorded ReviewRequested it measures the source (black picture, silence) and
 * approves, rejects, or escalates to a human when the signals are not clear. A human who decided first wins. The
 * source is the show's current upload (in the source bucket), which the review's transcode was made from.
 */
/** The review's source and probe, when the show still waits for this transcode's review; else undefined. */
const pendingReviewOf = (state: ShowState, transcodeId: string) => {
  const sourceKey = state.upload?.source?.key;
  if (state.status !== 'inReview' || state.review?.transcodeId !== transcodeId || state.probe === null || sourceKey === undefined) return undefined;
  return { sourceKey, probe: state.probe };
};

export const machineReview = (deps: WorkflowDeps) => async (event: unknown) => {
  const envelope = reviewRequestedSchema.parse(event).detail;
  const requested = decodeShowEvent(envelope);
  if (requested.type !== 'ReviewRequested') return { decided: false };
  const { config, store } = deps;
  const id = envelope.eventId;
  const detail = requested.data;
  const { state } = await loadShow(store, detail.showId);
  const pending = pendingReviewOf(state, detail.transcodeId);
  if (pending === undefined) return { decided: false };
  // The review is picked up: the wait's "nobody opened it" deadline starts over while the media is measured.
  const pickedUp = await sendReviewHeartbeat(deps, detail.showId, detail.transcodeId);
  if (!pickedUp) return { decided: false };
  const url = await getSignedUrl(deps.s3, new GetObjectCommand({ Bucket: config.SOURCE_BUCKET, Key: pending.sourceKey }), { expiresIn: 900 });
  const signals = await measureSignals(url, pending.probe.durationMs / 1000, pending.probe.audio.length > 0);
  const outcome = decideMachineReview(signals);
  const now = deps.now();
  const commandId = `machine-review:${detail.transcodeId}`;
  logger.info('machine review', { showId: detail.showId, eventId: id, signals, outcome: outcome.decision });
  if (outcome.decision === 'escalate') {
    await executeShowCommand(store, { type: 'EscalateReview', showId: detail.showId, now, actor: machine, reason: 'MACHINE_UNSURE', message: outcome.message }, { commandId, correlationId: envelope.correlationId, causationId: id, actor: machine });
    return { decided: false, escalated: true };
  }
  try {
    await recordReviewDecision(store, {
      showId: detail.showId,
      decision: outcome.decision === 'approve' ? { decision: 'approve', note: outcome.note } : { decision: 'reject', reason: outcome.reason, message: outcome.message },
      actor: machine,
      now,
      commandId,
      correlationId: envelope.correlationId,
    });
    return { decided: true, decision: outcome.decision };
  } catch (error) {
    if (error instanceof ReviewNotPendingError) return { decided: false };
    throw error;
  }
};
