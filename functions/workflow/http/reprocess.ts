import { z } from 'zod';
import { showIdSchema } from '../../../events/catalog/fields';
import { HttpError, notFound } from '../../http/errors';
import { json } from '../../http/response';
import { httpHandler } from '../../http/httpHandler';
import { eventStore } from '../../runtime/eventStore';
import { loadShow } from '../../shows/showCommands';
import { sfnClient } from '../../runtime/sdk/sfn';
import { publishWorkflowConfig, workflowConfig } from '../config';
import { startRun } from '../workflowRuns';

const { PUBLISH_STATE_MACHINE_ARN: stateMachineArn } = publishWorkflowConfig();
const { SOURCE_BUCKET: sourceBucket } = workflowConfig();

/** POST /shows/{showId}/reprocess (admin): a new run on the current source, from the transcode on. */
export const handler = httpHandler({ path: z.object({ showId: showIdSchema }), access: { roles: ['admin'] } }, async ({ path, requestId }) => {
  const { state } = await loadShow(eventStore(), path.showId);
  if (state.status === 'none') throw notFound(`show ${path.showId}`);
  const source = state.upload?.source;
  if (!state.upload || !source || state.probe === null) throw new HttpError(409, 'NOTHING_TO_REPROCESS', `Show ${path.showId} has no probed source to reprocess.`);
  if (!['transcodeFailed', 'rejected', 'processingFailed'].includes(state.status)) {
    throw new HttpError(409, 'REPROCESS_NOT_ALLOWED', `Show ${path.showId} is ${state.status}: only a failed run or a rejected show is reprocessed.`);
  }
  const executionName = `reprocess-${requestId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 60)}`;
  const run = { showId: path.showId, uploadId: state.upload.uploadId, bucket: sourceBucket, key: source.key, sizeBytes: source.sizeBytes, etag: source.etag, executionName, reprocess: true };
  await startRun(sfnClient(), stateMachineArn, run);
  return json(202, { showId: path.showId, executionName });
});
