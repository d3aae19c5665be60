import { workflowTimeline } from '../../../domain/media/timeline';
import { decodeShowEvent, showStreamId } from '../../../domain/show';
import type { EventEnvelope } from '../../../events/envelope';
import type { Caller } from '../../http/caller';
import { notFound } from '../../http/errors';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { logger } from '../../runtime/logger';
import type { WorkflowDeps } from '../deps';
import { workflowRoutes } from '../routes';
import { transcodeProgress } from '../transcodeProgress';

/**
 * The show's creator (who drafted it), reviewers and admins follow its workflow; to anyone else the timeline, with
 * its errors, is not there at all (404, as for a show that does not exist, so its existence does not leak either).
 */
const mayFollow = (events: readonly EventEnvelope[], caller: Caller | undefined): boolean => {
  if (caller === undefined) return false;
  if (caller.roles.includes('reviewer') || caller.roles.includes('admin')) return true;
  return events.some((event) => event.type === 'ShowDrafted' && event.actor.id === caller.userId);
};

/**
 * GET /shows/{showId}/workflow: the stage timeline of the latest run, from the show's own events, and while a
 * transcode runs, its progress as MediaConvert reports it (null when it cannot be had: the view still answers).
 */
export const workflowStatus = (deps: WorkflowDeps) =>
  httpHandler({ ...workflowRoutes.workflow, clock: () => new Date(deps.now()) }, async ({ path, caller }) => {
  const { events } = await deps.store.readStream(showStreamId(path.showId));
  if (events.length === 0 || !mayFollow(events, caller)) throw notFound(`show ${path.showId}`);
  const decoded = events.map((stored) => decodeShowEvent(stored));
  const timed = decoded.map((event) => ({ event: { type: event.type, data: event.data } as Parameters<typeof workflowTimeline>[0][number]['event'], occurredAt: event.occurredAt }));
  const timeline = workflowTimeline(timed);
  const current = timeline.stages.at(-1);
  const requested = decoded.findLast((event) => event.type === 'TranscodeRequested');
  const transcodeId = requested?.type === 'TranscodeRequested' ? requested.data.transcodeId : undefined;
  const transcoding = current?.stage === 'transcode' && current.status === 'running' && transcodeId !== undefined;
  const progress = transcoding
    ? await transcodeProgress(deps.mediaConvert, transcodeId).catch((error: unknown) => {
        logger.warn('transcode progress unavailable', { showId: path.showId, transcodeId, error: error instanceof Error ? error.message : String(error) });
        return null;
      })
    : null;
  return json(200, { showId: path.showId, ...timeline, progress: progress === null ? null : { stage: 'transcode', percent: progress.percent, jobId: progress.jobId } });
});
