import { z } from 'zod';
import type { EventStore } from '../../../adapters/eventstore';
import { showIdSchema } from '../../../events/catalog/fields';
import { HttpError, notFound } from '../../http/errors';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { loadShow } from '../../shows/showCommands';
import type { Run } from '../workflowInput';

export interface ReprocessDeps {
  readonly store: EventStore;
  readonly sourceBucket: string;
  /** Starts a run of the publish workflow (Step Functions' StartExecution in the container). */
  readonly startRun: (run: Run & { reprocess: true }) => Promise<unknown>;
}

/** The statuses a new run may start from: a failed run or a rejected show. */
const reprocessable = new Set(['transcodeFailed', 'rejected', 'processingFailed']);

/** POST /shows/{showId}/reprocess (admin): a new run on the current source, from the transcode on. */
export const reprocessRoute = (deps: ReprocessDeps) =>
  httpHandler({ path: z.object({ showId: showIdSchema }), access: { roles: ['admin'] } }, async ({ path, requestId }) => {
    const { state } = await loadShow(deps.store, path.showId);
    if (state.status === 'none') throw notFound(`show ${path.showId}`);
    const source = state.upload?.source;
    if (!state.upload || !source || state.probe === null) throw new HttpError(409, 'NOTHING_TO_REPROCESS', `Show ${path.showId} has no probed source to reprocess.`);
    if (!reprocessable.has(state.status)) {
      throw new HttpError(409, 'REPROCESS_NOT_ALLOWED', `Show ${path.showId} is ${state.status}: only a failed run or a rejected show is reprocessed.`);
    }
    const executionName = `reprocess-${requestId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 60)}`;
    const { uploadId } = state.upload;
    await deps.startRun({ showId: path.showId, uploadId, bucket: deps.sourceBucket, key: source.key, sizeBytes: source.sizeBytes, etag: source.etag, executionName, reprocess: true });
    return json(202, { showId: path.showId, executionName });
  });
