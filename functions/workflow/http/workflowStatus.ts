import { z } from 'zod';
import { workflowTimeline } from '../../../domain/media/timeline';
import { decodeShowEvent, showStreamId } from '../../../domain/show';
import { showIdSchema } from '../../../events/catalog/fields';
import { notFound } from '../../http/errors';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { logger } from '../../runtime/logger';
import type { WorkflowDeps } from '../deps';
import { transcodeProgress } from '../transcodeProgress';

/**
 * GET /shows/{showId}/workflow: the stage timeline of the latest run, from the show's own events, and while a
 * transcode runs, its progress as MediaConvert reports it (null when it cannot be had: the view still answers).
 */
export const workflowStatus = (deps: WorkflowDeps) =>
  httpHandler({ path: z.object({ showId: showIdSchema }), access: { roles: [] }, clock: () => new Date(deps.now()) }, async ({ path }) => {
  const { events } = await deps.store.readStream(showStreamId(path.showId));
  if (events.length === 0) throw notFound(`show ${path.showId}`);
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
