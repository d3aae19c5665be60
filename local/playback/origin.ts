import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { grantOf, resourceMatches, verifyGrant } from './cloudFrontGrant';
import { loadSigningKey } from './signingKey';

/** The response headers policy's CORS part, as `ResponseHeadersPolicyConfig.CorsConfig` spells it. */
export interface OriginCors {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

export interface PlaybackOriginOptions {
  /** Signed-in S3 client (the origin reads the bucket as CloudFront's Origin Access Control does). */
  readonly s3: S3Client;
  readonly bucket: string;
  /** Path patterns of cache behaviours with no trusted key group: served without a grant. */
  readonly unsignedPathPatterns: readonly string[];
  readonly cors: OriginCors;
  readonly port?: number;
  readonly now?: () => Date;
  /** Where the distribution's key pair is kept across restarts (local/playback/signingKey.ts); none: a key per run. */
  readonly keyFile?: string;
}

const errorXml = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message.replace(/[<&>]/g, '')}</Message></Error>`;

const corsHeaders = (cors: OriginCors, origin: string | undefined): Record<string, string> => {
  if (origin === undefined) return {};
  const allowed = cors.allowOrigins.includes('*') ? '*' : cors.allowOrigins.includes(origin) ? origin : undefined;
  if (allowed === undefined) return {};
  return { 'access-control-allow-origin': allowed, ...(cors.exposeHeaders.length > 0 ? { 'access-control-expose-headers': cors.exposeHeaders.join(', ') } : {}), ...(allowed === '*' ? {} : { vary: 'Origin' }) };
};

const preflightHeaders = (cors: OriginCors, request: IncomingMessage): Record<string, string> => {
  const requested = request.headers['access-control-request-headers'];
  const headers = cors.allowHeaders.includes('*') ? (requested ?? '') : cors.allowHeaders.join(', ');
  return { 'access-control-allow-methods': cors.allowMethods.join(', '), ...(headers === '' ? {} : { 'access-control-allow-headers': headers }), 'access-control-max-age': String(cors.maxAgeSeconds) };
};

const objectHeaders = (object: GetObjectCommandOutput): Record<string, string> => {
  const entries: Array<[string, string | number | undefined]> = [
    ['content-type', object.ContentType],
    ['content-length', object.ContentLength],
    ['content-range', object.ContentRange],
    ['etag', object.ETag],
    ['last-modified', object.LastModified?.toUTCString()],
  ];
  return { 'accept-ranges': 'bytes', ...Object.fromEntries(entries.filter(([, value]) => value !== undefined).map(([name, value]) => [name, String(value)])) };
};

/** The object key a path names; undefined for a path that is not valid percent-encoding. */
const keyOf = (url: URL): string | undefined => {
  try {
    return decodeURIComponent(url.pathname.slice(1));
  } catch {
    return undefined;
  }
};

const statusOfS3Error = (error: unknown) => {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NoSuchKey' || name === 'NotFound') return { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' };
  if (name === 'InvalidRange') return { status: 416, code: 'InvalidRange', message: 'The requested range is not satisfiable' };
  return { status: 502, code: 'OriginError', message: 'The origin could not be read.' };
};

/**
 * CloudFront's part locally: one distribution in front of the media bucket. Requests under a cache behaviour with
 * no trusted key group (thumbnails) are served as they are; every other one needs a grant (the signed URL's query or
 * the signed cookies) that this origin's key signed, whose policy covers the URL and has not expired. It answers
 * with the response headers policy's CORS headers, and reads the bucket signed, since the bucket itself refuses
 * unsigned reads. Its key pair is kept in the data folder, so grants handed out before a restart still play after it.
 */
export const startPlaybackOrigin = async (options: PlaybackOriginOptions) => {
  const { keyPairId, privateKeyPem, publicKeyPem } = loadSigningKey(options.keyFile);
  const publicKeys = new Map([[keyPairId, publicKeyPem]]);
  const now = options.now ?? (() => new Date());
  let base = '';

  const answer = (response: ServerResponse, status: number, headers: Record<string, string>, body?: string) => {
    response.writeHead(status, { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/xml' }) });
    response.end(body);
  };

  /** Why a GET or HEAD of `key` is refused, or undefined when it may be served. */
  const refusal = (request: IncomingMessage, url: URL, key: string) => {
    if (options.unsignedPathPatterns.some((pattern) => resourceMatches(pattern, key))) return undefined;
    const verdict = verifyGrant(grantOf(url.searchParams, request.headers.cookie), `${base}${url.pathname}`, publicKeys, now());
    return verdict.ok ? undefined : verdict;
  };

  const send = async (request: IncomingMessage, response: ServerResponse, key: string, cors: Record<string, string>) => {
    const range = request.headers.range;
    const object = await options.s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: key, ...(range === undefined ? {} : { Range: range }) })).catch((error: unknown) => statusOfS3Error(error));
    if ('status' in object) return answer(response, object.status, cors, errorXml(object.code, object.message));
    response.writeHead(range === undefined ? 200 : 206, { ...cors, ...objectHeaders(object) });
    const body = object.Body;
    if (!(body instanceof Readable)) return void response.end();
    if (request.method === 'HEAD') {
      body.destroy();
      return void response.end();
    }
    body.pipe(response);
  };

  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', base);
    const cors = corsHeaders(options.cors, request.headers.origin);
    if (request.method === 'OPTIONS') return answer(response, 200, { ...cors, ...(cors['access-control-allow-origin'] === undefined ? {} : preflightHeaders(options.cors, request)) });
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 403, cors, errorXml('MethodNotAllowed', 'This distribution only allows GET, HEAD and OPTIONS.'));
    const key = keyOf(url);
    if (key === undefined) return answer(response, 400, cors, errorXml('InvalidURI', 'Could not parse the specified URI.'));
    const refused = refusal(request, url, key);
    if (refused !== undefined) return answer(response, 403, cors, errorXml(refused.code, refused.message));
    return send(request, response, key, cors);
  };

  const server = createServer((request, response) => {
    serve(request, response).catch(() => answer(response, 500, {}, errorXml('InternalError', 'The local playback origin failed.')));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    /** The distribution's origin, what PLAYBACK_CDN_DOMAIN and PLAYBACK_BASE_URL are locally. */
    url: base,
    port,
    keyPairId,
    /** The private key the playback signer is given locally (on AWS it comes from SSM). */
    privateKeyPem,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
};
export type PlaybackOrigin = Awaited<ReturnType<typeof startPlaybackOrigin>>;
