import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { s3ErrorXml } from './blockPublicAccess';

/** The part of s3rver's (Koa's) request context the multipart facade uses. */
export interface MultipartContext {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | string[] | undefined>>;
  status: number;
  type: string;
  body: unknown;
  set(name: string, value: string): void;
}

/** S3's limits for multipart uploads (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
export const multipartLimits = { minPartBytes: 5 * 1024 ** 2, maxPartBytes: 5 * 1024 ** 3, maxParts: 10_000, maxObjectBytes: 5 * 1024 ** 4 };

/** Where s3rver keeps a bucket's uploads in progress: `<bucket>/._S3rver_uploads/<uploadId>/{key,metadata,<n>,<n>.md5}`. */
export const uploadsDirOf = (dataDir: string, bucket: string) => join(dataDir, bucket, '._S3rver_uploads');

interface StoredPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
  readonly lastModified: Date;
}

interface StoredUpload {
  readonly uploadId: string;
  readonly key: string;
  readonly initiated: Date;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const ns = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

const readUpload = async (dir: string, uploadId: string): Promise<StoredUpload | null> => {
  try {
    const [key, info] = await Promise.all([readFile(join(dir, uploadId, 'key'), 'utf8'), stat(join(dir, uploadId, 'key'))]);
    return { uploadId, key, initiated: info.mtime };
  } catch {
    return null;
  }
};

/** Every upload in progress in a bucket, oldest first. */
export const listUploads = async (dataDir: string, bucket: string): Promise<StoredUpload[]> => {
  const dir = uploadsDirOf(dataDir, bucket);
  const ids = await readdir(dir).catch(() => [] as string[]);
  const uploads = await Promise.all(ids.map((id) => readUpload(dir, id)));
  return uploads.filter((u): u is StoredUpload => u !== null).sort((a, b) => a.initiated.getTime() - b.initiated.getTime());
};

const listParts = async (dir: string): Promise<StoredPart[]> => {
  const names = (await readdir(dir)).filter((name) => /^\d+$/.test(name));
  const parts = await Promise.all(
    names.map(async (name) => {
      const [info, md5] = await Promise.all([stat(join(dir, name)), readFile(join(dir, `${name}.md5`), 'utf8').catch(() => '')]);
      return { partNumber: Number(name), etag: md5, size: info.size, lastModified: info.mtime };
    }),
  );
  // A part still being written has no .md5 yet: S3 lists only parts it stored.
  return parts.filter((p) => p.etag !== '').sort((a, b) => a.partNumber - b.partNumber);
};

const answer = (ctx: MultipartContext, status: number, body: string) => {
  ctx.status = status;
  ctx.type = 'application/xml';
  ctx.body = body;
};

const refuse = (ctx: MultipartContext, status: number, code: string, message: string) => {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  ctx.set('x-amz-request-id', requestId);
  answer(ctx, status, s3ErrorXml(code, message, requestId));
};

const noSuchUpload = (ctx: MultipartContext) =>
  refuse(ctx, 404, 'NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');

const partXml = (p: StoredPart) => `<Part><PartNumber>${p.partNumber}</PartNumber><LastModified>${p.lastModified.toISOString()}</LastModified><ETag>"${p.etag}"</ETag><Size>${p.size}</Size></Part>`;

const listPartsXml = (bucket: string, upload: StoredUpload, parts: readonly StoredPart[]) =>
  xml(`<ListPartsResult ${ns}><Bucket>${escape(bucket)}</Bucket><Key>${escape(upload.key)}</Key><UploadId>${upload.uploadId}</UploadId><StorageClass>STANDARD</StorageClass><PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>${parts.at(-1)?.partNumber ?? 0}</NextPartNumberMarker><MaxParts>${multipartLimits.maxParts}</MaxParts><IsTruncated>false</IsTruncated>${parts.map(partXml).join('')}</ListPartsResult>`);

const uploadXml = (u: StoredUpload) => `<Upload><Key>${escape(u.key)}</Key><UploadId>${u.uploadId}</UploadId><StorageClass>STANDARD</StorageClass><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`;

const listUploadsXml = (bucket: string, prefix: string, uploads: readonly StoredUpload[]) =>
  xml(`<ListMultipartUploadsResult ${ns}><Bucket>${escape(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><Prefix>${escape(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>${uploads.map(uploadXml).join('')}</ListMultipartUploadsResult>`);

/** `/<bucket>/<key...>` of a path-style request. */
const bucketAndKey = (path: string) => {
  const [, bucket = '', ...key] = path.split('/');
  return { bucket, key: decodeURIComponent(key.join('/')) };
};

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The part numbers and ETags a CompleteMultipartUpload names, in the order it names them. */
export const completionParts = (body: string) =>
  [...body.matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map(([, inner = '']) => ({
    partNumber: Number(/<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(inner)?.[1] ?? NaN),
    etag: (/<ETag>([\s\S]*?)<\/ETag>/.exec(inner)?.[1] ?? '').replace(/&quot;|"/g, '').trim(),
  }));

const malformed = { code: 'MalformedXML', message: 'The XML you provided was not well-formed or did not validate against our published schema.' };
const outOfOrder = { code: 'InvalidPartOrder', message: 'The list of parts was not in ascending order. Parts must be ordered by part number.' };

/** What S3 says of one named part: not there (or another ETag), or too small when it is not the last. */
const partProblem = (part: { partNumber: number; etag: string }, found: StoredPart | undefined, last: boolean) => {
  if (found === undefined || found.etag !== part.etag) return { code: 'InvalidPart', message: `One or more of the specified parts could not be found (part ${part.partNumber}), or its entity tag did not match.` };
  if (!last && found.size < multipartLimits.minPartBytes) return { code: 'EntityTooSmall', message: `Your proposed upload is smaller than the minimum allowed size: part ${part.partNumber} has ${found.size} bytes; every part but the last needs at least 5 MiB.` };
  return null;
};

/** Why S3 would refuse to complete with these parts, or null when it would accept them. */
export const completionProblem = (named: ReturnType<typeof completionParts>, stored: readonly StoredPart[]): { code: string; message: string } | null => {
  if (named.length === 0) return malformed;
  if (named.some((part, index) => index > 0 && part.partNumber <= (named[index - 1]?.partNumber ?? 0))) return outOfOrder;
  const byNumber = new Map(stored.map((p) => [p.partNumber, p]));
  for (const [index, part] of named.entries()) {
    const problem = partProblem(part, byNumber.get(part.partNumber), index === named.length - 1);
    if (problem !== null) return problem;
  }
  return null;
};

const readBody = async (ctx: MultipartContext & { req?: NodeJS.ReadableStream }): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req ?? []) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

type Context = MultipartContext & { req?: NodeJS.ReadableStream };

const abort = async (ctx: Context, dir: string) => {
  await rm(dir, { recursive: true, force: true });
  ctx.status = 204;
  ctx.body = '';
};

const validPartNumber = (value: string | undefined) => {
  const partNumber = Number(value);
  return Number.isInteger(partNumber) && partNumber >= 1 && partNumber <= multipartLimits.maxParts;
};

/** A request naming an upload id: ListParts, AbortMultipartUpload, UploadPart or CompleteMultipartUpload. */
const onUpload = async (ctx: Context, dataDir: string, target: { bucket: string; key: string; uploadId: string }, next: () => Promise<unknown>) => {
  const dir = join(uploadsDirOf(dataDir, target.bucket), target.uploadId);
  const upload = /^[0-9a-f]+$/.test(target.uploadId) ? await readUpload(uploadsDirOf(dataDir, target.bucket), target.uploadId) : null;
  if (upload === null || upload.key !== target.key) return noSuchUpload(ctx);
  switch (ctx.method) {
    case 'GET':
      return answer(ctx, 200, listPartsXml(target.bucket, upload, await listParts(dir)));
    case 'DELETE':
      return abort(ctx, dir);
    case 'PUT':
      return validPartNumber(single(ctx.query.partNumber)) ? next() : refuse(ctx, 400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
    case 'POST':
      return complete(ctx, dir, next);
    default:
      return next();
  }
};

/**
 * What s3rver lacks of S3's multipart API, in front of it (after the signature check): ListParts, AbortMultipartUpload
 * and ListMultipartUploads, NoSuchUpload for an unknown upload id (s3rver would create one on UploadPart), part
 * numbers 1 to 10,000, and the checks CompleteMultipartUpload makes (parts present with their ETags, ascending,
 * each but the last at least 5 MiB) before s3rver assembles the object.
 */
export const multipartFacade = (dataDir: string) => async (ctx: Context, next: () => Promise<unknown>): Promise<unknown> => {
  const { bucket, key } = bucketAndKey(ctx.path);
  const uploadId = single(ctx.query.uploadId);
  if (key === '' && ctx.method === 'GET' && ctx.query.uploads !== undefined) {
    const prefix = single(ctx.query.prefix) ?? '';
    return answer(ctx, 200, listUploadsXml(bucket, prefix, (await listUploads(dataDir, bucket)).filter((u) => u.key.startsWith(prefix))));
  }
  if (uploadId === undefined || key === '') return next();
  return onUpload(ctx, dataDir, { bucket, key, uploadId }, next);
};

/** Checks the parts as S3 does, then lets s3rver assemble them from the body it would have read itself. */
const complete = async (ctx: Context, dir: string, next: () => Promise<unknown>) => {
  const body = await readBody(ctx);
  const problem = completionProblem(completionParts(body), await listParts(dir));
  if (problem !== null) return refuse(ctx, 400, problem.code, problem.message);
  // s3rver reads the body from ctx.req itself: hand it a stream of what was read here.
  ctx.req = Readable.from([Buffer.from(body, 'utf8')]);
  return next();
};

/**
 * S3's lifecycle rule AbortIncompleteMultipartUpload, locally: uploads initiated more than `afterMs` ago are
 * aborted, their parts deleted. Answers the upload ids it aborted.
 */
export const abortIncompleteUploads = async (dataDir: string, bucket: string, afterMs: number, now: Date = new Date()): Promise<string[]> => {
  const stale = (await listUploads(dataDir, bucket)).filter((u) => now.getTime() - u.initiated.getTime() > afterMs);
  await Promise.all(stale.map((u) => rm(join(uploadsDirOf(dataDir, bucket), u.uploadId), { recursive: true, force: true })));
  return stale.map((u) => u.uploadId);
};
