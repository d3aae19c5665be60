import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { showCommandInputSchemas, uploadWindowMs } from '../../../domain/show';
import { showIdSchema } from '../../../events/catalog/fields';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { executeShowCommand } from '../../shows/showCommands';
import type { WorkflowDeps } from '../deps';
import { sourceKeyOf } from '../workflowRuns';

// A client may choose the show id (ids come from the caller, so a retried request drafts nothing twice).
const bodySchema = showCommandInputSchemas.DraftShow.extend(showCommandInputSchemas.RequestUpload.omit({ uploadId: true }).shape).extend({ showId: showIdSchema.optional() });

// The presigned URL lives no longer than the domain waits for the upload, and at most S3's 7 days.
const urlLifetimeSeconds = Math.min(uploadWindowMs / 1000, 7 * 24 * 3600);

/** POST /uploads: drafts a show and hands out a presigned PUT to the source bucket; the upload starts the workflow. */
export const uploads = (deps: WorkflowDeps) =>
  httpHandler({ body: bodySchema, access: { roles: ['creator', 'admin'] }, clock: () => new Date(deps.now()) }, async ({ body, caller, requestId, now }) => {
  const actor = { id: caller?.userId ?? 'unknown', kind: 'user' as const };
  const { fileName, contentType, sizeBytes, showId = randomUUID(), ...metadata } = body;
  const uploadId = randomUUID();
  const context = { commandId: requestId, correlationId: requestId, actor };
  await executeShowCommand(deps.store, { type: 'DraftShow', showId, now, actor, ...metadata }, context);
  await executeShowCommand(deps.store, { type: 'RequestUpload', showId, now, actor, uploadId, fileName, contentType, sizeBytes }, { ...context, commandId: `${requestId}:upload` });
  const key = sourceKeyOf(showId, uploadId, fileName.split('.').pop() ?? 'bin');
  const uploadUrl = await getSignedUrl(deps.s3, new PutObjectCommand({ Bucket: deps.config.SOURCE_BUCKET, Key: key, ContentType: contentType }), { expiresIn: urlLifetimeSeconds });
  return json(201, { showId, uploadId, upload: { method: 'PUT', url: uploadUrl, headers: { 'content-type': contentType }, key } });
});
