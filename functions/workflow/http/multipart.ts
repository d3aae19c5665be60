import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, ListMultipartUploadsCommand, ListPartsCommand, S3ServiceException, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Caller } from '../../http/caller';
import { HttpError } from '../../http/errors';
import { creatorOf } from '../../shows/creatorOf';
import { loadShow } from '../../shows/showCommands';
import type { WorkflowDeps } from '../deps';
import { sourceKeyOf } from '../workflowRuns';

const MiB = 1024 ** 2;
/** S3's limits: 10,000 parts of 5 MiB to 5 GiB (the last may be smaller). */
export const maxParts = 10_000;
const minPartBytes = 16 * MiB;
/** URLs handed out in one answer: the rest come from GET .../parts, a page at a time. */
export const partUrlsPerAnswer = 1000;

/** Parts of at least 16 MiB (fewer requests), larger when needed to stay within 10,000 parts; whole MiB. */
export const partSizeFor = (sizeBytes: number): number => Math.max(minPartBytes, Math.ceil(sizeBytes / maxParts / MiB) * MiB);
export const partCountFor = (sizeBytes: number): number => Math.ceil(sizeBytes / partSizeFor(sizeBytes));

type Deps = Pick<WorkflowDeps, 's3' | 'config' | 'store'>;

const presignParts = (deps: Deps, target: { key: string; s3UploadId: string }, partNumbers: readonly number[], expiresIn: number) =>
  Promise.all(
    partNumbers.slice(0, partUrlsPerAnswer).map(async (partNumber) => ({
      partNumber,
      url: await getSignedUrl(deps.s3, new UploadPartCommand({ Bucket: deps.config.SOURCE_BUCKET, Key: target.key, UploadId: target.s3UploadId, PartNumber: partNumber }), { expiresIn }),
    })),
  );

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Starts S3's multipart upload of a source and presigns its first parts. */
export const startMultipart = async (deps: Deps, upload: { key: string; contentType: string; sizeBytes: number }, expiresIn: number) => {
  const created = await deps.s3.send(new CreateMultipartUploadCommand({ Bucket: deps.config.SOURCE_BUCKET, Key: upload.key, ContentType: upload.contentType }));
  if (created.UploadId === undefined) throw new Error(`S3 started no multipart upload for ${upload.key}`);
  const partCount = partCountFor(upload.sizeBytes);
  const parts = await presignParts(deps, { key: upload.key, s3UploadId: created.UploadId }, range(1, partCount), expiresIn);
  return { key: upload.key, partSizeBytes: partSizeFor(upload.sizeBytes), partCount, parts };
};

/** The current multipart upload of a show, when the caller may act on it: its creator or an admin, and the upload awaited. */
const requireCreatorOrAdmin = async (deps: Deps, showId: string, caller: Caller | undefined) => {
  const creator = await creatorOf(deps.store, showId);
  const mayAct = creator !== undefined && (creator === caller?.userId || caller?.roles.includes('admin') === true);
  if (!mayAct) throw new HttpError(404, 'not_found', `No show ${showId}: draft it with POST /shows first.`);
};

export const ownMultipart = async (deps: Deps, request: { showId: string; uploadId: string; caller: Caller | undefined }) => {
  await requireCreatorOrAdmin(deps, request.showId, request.caller);
  const { state } = await loadShow(deps.store, request.showId);
  const upload = state.upload;
  if (upload?.uploadId !== request.uploadId) throw new HttpError(404, 'not_found', `Show ${request.showId} has no upload ${request.uploadId} in progress: start one with POST /shows/${request.showId}/uploads.`);
  if (state.status !== 'awaitingUpload') throw new HttpError(409, 'upload_not_awaited', `Upload ${request.uploadId} of show ${request.showId} is not awaited any more (the show is ${state.status}).`);
  const key = sourceKeyOf(request.showId, upload.uploadId, upload.fileName.split('.').pop() ?? 'bin');
  const listed = await deps.s3.send(new ListMultipartUploadsCommand({ Bucket: deps.config.SOURCE_BUCKET, Prefix: key }));
  const s3UploadId = listed.Uploads?.find((u) => u.Key === key)?.UploadId;
  if (s3UploadId === undefined) throw new HttpError(404, 'not_found', `Upload ${request.uploadId} is not a multipart upload in progress (completed, aborted, or started as one PUT).`);
  return { key, s3UploadId, sizeBytes: upload.sizeBytes };
};

/** What arrived (ListParts), and URLs for the parts still missing: what a client resumes from. */
export const partsOf = async (deps: Deps, target: { key: string; s3UploadId: string; sizeBytes: number }, expiresIn: number) => {
  const listed = await deps.s3.send(new ListPartsCommand({ Bucket: deps.config.SOURCE_BUCKET, Key: target.key, UploadId: target.s3UploadId }));
  const uploaded = (listed.Parts ?? []).map((p) => ({ partNumber: p.PartNumber ?? 0, etag: p.ETag ?? '', sizeBytes: p.Size ?? 0 }));
  const have = new Set(uploaded.map((p) => p.partNumber));
  const partCount = partCountFor(target.sizeBytes);
  const missing = await presignParts(deps, target, range(1, partCount).filter((n) => !have.has(n)), expiresIn);
  return { partSizeBytes: partSizeFor(target.sizeBytes), partCount, uploaded, missing };
};

/** S3's refusal of a completion (a part missing, an ETag that does not match, a part too small) as a 400 a person can act on. */
const completionRefused = (error: unknown): unknown =>
  error instanceof S3ServiceException && ['InvalidPart', 'InvalidPartOrder', 'EntityTooSmall', 'MalformedXML'].includes(error.name)
    ? new HttpError(400, 'invalid_parts', `S3 refused to assemble the file (${error.name}): ${error.message} List the parts with GET .../parts and send each part's number and ETag, in order.`)
    : error;

export const completeMultipart = async (deps: Deps, target: { key: string; s3UploadId: string }, parts: readonly { partNumber: number; etag: string }[]) => {
  const Parts = parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag }));
  await deps.s3.send(new CompleteMultipartUploadCommand({ Bucket: deps.config.SOURCE_BUCKET, Key: target.key, UploadId: target.s3UploadId, MultipartUpload: { Parts } })).catch((error: unknown) => {
    throw completionRefused(error);
  });
};

export const abortMultipart = (deps: Deps, target: { key: string; s3UploadId: string }) =>
  deps.s3.send(new AbortMultipartUploadCommand({ Bucket: deps.config.SOURCE_BUCKET, Key: target.key, UploadId: target.s3UploadId }));
