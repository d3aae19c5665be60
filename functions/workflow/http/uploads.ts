import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { CommandRefusedError } from '../../../domain/decider';
import { uploadWindowMs } from '../../../domain/show';
import type { Actor } from '../../../events/envelope';
import { HttpError } from '../../http/errors';
import { httpHandler } from '../../http/httpHandler';
import { json, noContent } from '../../http/response';
import { creatorOf } from '../../shows/creatorOf';
import { executeShowCommand } from '../../shows/showCommands';
import type { WorkflowDeps } from '../deps';
import { workflowRoutes } from '../routes';
import { sourceKeyOf } from '../workflowRuns';
import { abortMultipart, completeMultipart, ownMultipart, partsOf, startMultipart } from './multipart';

// The presigned URL lives no longer than the domain waits for the upload, and at most S3's 7 days.
const urlLifetimeSeconds = Math.min(uploadWindowMs / 1000, 7 * 24 * 3600);

// Signed, so S3 refuses a PUT of another type or of another size than the one declared (and checked) here.
const pinnedHeaders = new Set(['content-type', 'content-length']);

interface UploadFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly multipart?: boolean | undefined;
}

/** Requests the upload (a new upload id: each call is a new source) and presigns its PUT to the source bucket. */
const requestUpload = async (deps: WorkflowDeps, request: { showId: string; file: UploadFile; actor: Actor; requestId: string; commandId: string; now: string }) => {
  const { showId, file, actor, requestId, now } = request;
  const { multipart, ...declared } = file;
  const uploadId = randomUUID();
  await executeShowCommand(deps.store, { type: 'RequestUpload', showId, now, actor, uploadId, ...declared }, { commandId: request.commandId, correlationId: requestId, actor });
  const key = sourceKeyOf(showId, uploadId, file.fileName.split('.').pop() ?? 'bin');
  if (multipart === true) return json(201, { showId, uploadId, multipart: await startMultipart(deps, { key, contentType: file.contentType, sizeBytes: file.sizeBytes }, urlLifetimeSeconds) });
  const put = new PutObjectCommand({ Bucket: deps.config.SOURCE_BUCKET, Key: key, ContentType: file.contentType, ContentLength: file.sizeBytes });
  const url = await getSignedUrl(deps.s3, put, { expiresIn: urlLifetimeSeconds, signableHeaders: pinnedHeaders });
  // content-length is what a browser or curl sends for the file anyway; it is listed so no client is surprised.
  const headers = { 'content-type': file.contentType, 'content-length': String(file.sizeBytes) };
  return json(201, { showId, uploadId, upload: { method: 'PUT', url, headers, key } });
};

const actorOf = (userId: string | undefined): Actor => ({ id: userId ?? 'unknown', kind: 'user' });

/** A show id taken already: the refusal says where its source goes instead. */
const alreadyDrafted = (error: unknown, showId: string): unknown =>
  error instanceof CommandRefusedError && error.code === 'SHOW_ALREADY_DRAFTED'
    ? new CommandRefusedError(error.code, `Show ${showId} exists already: upload its source with POST /shows/${showId}/uploads, or leave showId out to draft a new show.`)
    : error;

/** POST /uploads: drafts a show and hands out a presigned PUT to the source bucket; the upload starts the workflow. */
export const uploads = (deps: WorkflowDeps) =>
  httpHandler({ ...workflowRoutes.createUpload, clock: () => new Date(deps.now()) }, async ({ body, caller, requestId, now }) => {
    const actor = actorOf(caller?.userId);
    const { fileName, contentType, sizeBytes, multipart, showId = randomUUID(), ...metadata } = body;
    const context = { commandId: requestId, correlationId: requestId, actor };
    await executeShowCommand(deps.store, { type: 'DraftShow', showId, now, actor, ...metadata }, context).catch((error: unknown) => {
      throw alreadyDrafted(error, showId);
    });
    return requestUpload(deps, { showId, file: { fileName, contentType, sizeBytes, multipart }, actor, requestId, commandId: `${requestId}:upload`, now });
  });

/**
 * POST /shows/{showId}/uploads: a presigned PUT for the source of a show drafted with POST /shows, or a new source
 * for one that was rejected or failed; the Show decider says which statuses take one. Only the show's creator (or an
 * admin) may: anyone else learns nothing, not even that the show exists.
 */
export const showUploads = (deps: WorkflowDeps) =>
  httpHandler({ ...workflowRoutes.createShowUpload, clock: () => new Date(deps.now()) }, async ({ path, body, caller, requestId, now }) => {
    const creator = await creatorOf(deps.store, path.showId);
    const mayUpload = creator !== undefined && (creator === caller?.userId || caller?.roles.includes('admin') === true);
    if (!mayUpload) throw new HttpError(404, 'not_found', `No show ${path.showId}: draft it with POST /shows first.`);
    return requestUpload(deps, { showId: path.showId, file: body, actor: actorOf(caller?.userId), requestId, commandId: `${requestId}:upload`, now });
  });

/** GET /shows/{showId}/uploads/{uploadId}/parts: what S3 has of a multipart upload, and URLs for what it still needs. */
export const uploadParts = (deps: WorkflowDeps) =>
  httpHandler({ ...workflowRoutes.uploadParts, clock: () => new Date(deps.now()) }, async ({ path, caller }) => {
    const target = await ownMultipart(deps, { ...path, caller });
    return json(200, await partsOf(deps, target, urlLifetimeSeconds));
  });

/** POST /shows/{showId}/uploads/{uploadId}/complete: S3 assembles the parts; the object's arrival starts the workflow. */
export const completeUpload = (deps: WorkflowDeps) =>
  httpHandler({ ...workflowRoutes.completeUpload, clock: () => new Date(deps.now()) }, async ({ path, body, caller }) => {
    const target = await ownMultipart(deps, { ...path, caller });
    await completeMultipart(deps, target, body.parts);
    return json(200, { showId: path.showId, uploadId: path.uploadId, key: target.key });
  });

/** DELETE /shows/{showId}/uploads/{uploadId}: S3 drops the parts; the show keeps waiting for a source. */
export const abortUpload = (deps: WorkflowDeps) =>
  httpHandler({ ...workflowRoutes.abortUpload, clock: () => new Date(deps.now()) }, async ({ path, caller }) => {
    await abortMultipart(deps, await ownMultipart(deps, { ...path, caller }));
    return noContent();
  });
