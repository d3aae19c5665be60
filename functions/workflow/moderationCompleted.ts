import * as z from 'zod';
import { assessmentOf, decideMachineReviewWithModeration } from '../../domain/media/moderation';
import { logger } from '../runtime/logger';
import type { WorkflowDeps } from './deps';
import { actOnMachineReview } from './machineReview';
import type { ModerationDeps } from './moderationDeps';

const snsEventSchema = z.object({ Records: z.array(z.object({ Sns: z.object({ Message: z.string() }) })).min(1) });

/** Rekognition's completion notice (its NotificationChannel's SNS message). */
const noticeSchema = z.object({ JobId: z.string().min(1), Status: z.enum(['SUCCEEDED', 'FAILED', 'ERROR']), JobTag: z.string().min(1) });

/**
 * The second half of the machine review on AWS: Rekognition published that a content moderation job ended. The job
 * is found again by its show (the JobTag) with the media signals measured when it started; its labels are read and
 * the same rule as the model's decides. A job that failed goes to a human, saying so. A notice for a job the show no
 * longer waits for (a newer review started) changes nothing.
 */
export const moderationCompleted = (deps: WorkflowDeps & ModerationDeps) => async (event: unknown) => {
  const handled = [];
  for (const record of snsEventSchema.parse(event).Records) {
    const notice = noticeSchema.parse(JSON.parse(record.Sns.Message));
    const job = await deps.moderationJobs.find(notice.JobTag, notice.JobId);
    if (job === undefined) {
      logger.info('moderation notice for a job no review waits for', { notice });
      handled.push({ jobId: notice.JobId, decided: false });
      continue;
    }
    const result = notice.Status === 'SUCCEEDED' ? await deps.moderationResult(notice.JobId) : { status: 'failed' as const, message: `Rekognition job ${notice.JobId} ended ${notice.Status}.` };
    const { outcome, assessment } =
      result.status === 'succeeded'
        ? decideMachineReviewWithModeration(job.signals, result.scores, deps.policies)
        : { outcome: { decision: 'escalate' as const, message: `Content moderation failed: ${result.message}` }, assessment: assessmentOf(job.signals, null) };
    logger.info('machine review (content moderation completed)', { showId: job.review.showId, jobId: notice.JobId, assessment, outcome: outcome.decision });
    handled.push({ jobId: notice.JobId, ...(await actOnMachineReview(deps, job.review, outcome, assessment)) });
  }
  return handled;
};
