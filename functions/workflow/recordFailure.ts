import * as z from 'zod';
import { CommandRefusedError } from '../../domain/decider';
import { processingStageSchema } from '../../events/catalog/processingFailed';
import { logger } from '../runtime/logger';
import { countMetric } from '../runtime/metrics';
import { deleteShowMedia } from '../shows/showMedia';
import type { WorkflowDeps } from './deps';
import { parseTaskInput, record, runSchema, workflowActor } from './workflowInput';

const inputSchema = runSchema.pick({ showId: true, executionName: true }).extend({
  notice: z.object({ stage: processingStageSchema, error: z.string().nullish(), cause: z.string().nullish() }),
});

/** A Lambda error reaches the Catch as `{"errorType", "errorMessage", "trace"}` in Cause: the message is what people read. */
const readableCause = (cause: string): string => {
  try {
    const parsed: unknown = JSON.parse(cause);
    const message = z.object({ errorMessage: z.string().min(1) }).safeParse(parsed);
    if (message.success) return message.data.errorMessage;
  } catch {
    // Not JSON: a States.* or service error's cause is plain text already.
  }
  return cause;
};

/** What the task uses of the workflow's composition root. */
type RecordFailureDeps = Pick<WorkflowDeps, 'store' | 's3' | 'now'> & { readonly config: Pick<WorkflowDeps['config'], 'SOURCE_BUCKET' | 'MEDIA_BUCKET'> };

/**
 * A run that outlived its show's deletion (a transcode still running when the creator deleted it) ends here, its
 * record refused: what it wrote after the deletion's cleanup (renditions, thumbnails) goes too, so nothing of a
 * deleted show stays in storage.
 */
const deleteLateMedia = async (deps: RecordFailureDeps, showId: string): Promise<number> => {
  const deletedObjects = await deleteShowMedia(deps.s3, { sourceBucket: deps.config.SOURCE_BUCKET, mediaBucket: deps.config.MEDIA_BUCKET }, showId);
  logger.info('deleted media a run wrote after its show was deleted', { showId, deletedObjects });
  return deletedObjects;
};

/**
 * State RecordFailure: records where and why a run stopped, in the show's stream; the outbox announces it on the bus, and the review
 * queue drops a review the run left pending (abandoned: no workflow waits for it any more). The
 * command id is the execution's, so a retried task records nothing twice (and the decider records one failure per
 * execution anyway).
 */
export const recordFailure = (deps: RecordFailureDeps) => async (event: unknown) => {
  const run = parseTaskInput(inputSchema, event);
  const error = (run.notice.error ?? '').trim() || 'States.TaskFailed';
  const cause = readableCause((run.notice.cause ?? '').trim()).slice(0, 2000) || 'No cause was given.';
  const recorded = await record(deps.store, run, 'processing-failed', {
    type: 'RecordProcessingFailure',
    showId: run.showId,
    now: deps.now(),
    actor: workflowActor,
    executionName: run.executionName,
    stage: run.notice.stage,
    error: error.slice(0, 256),
    cause,
  }).then(
    () => true,
    (refused: unknown) => {
      if (refused instanceof CommandRefusedError && refused.code === 'SHOW_DELETED') return false;
      throw refused;
    },
  );
  if (!recorded) return { recorded: false, deletedObjects: await deleteLateMedia(deps, run.showId) };
  countMetric('WorkflowFailed');
  return { recorded: true };
};
