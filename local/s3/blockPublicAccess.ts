import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { verifySigV4 } from './sigV4';

/** The part of s3rver's (Koa's) request context the guard uses. */
export interface GuardContext {
  readonly req: IncomingMessage;
  status: number;
  type: string;
  body: unknown;
  set(name: string, value: string): void;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** S3's error document: `<Error><Code>AccessDenied</Code><Message>Access Denied</Message>...`. */
export const s3ErrorXml = (code: string, message: string, requestId: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escape(message)}</Message><RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;

const refuse = (ctx: GuardContext, code: string, message: string) => {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  ctx.status = 403;
  ctx.type = 'application/xml';
  ctx.set('x-amz-request-id', requestId);
  ctx.body = s3ErrorXml(code, message, requestId);
};

type Mechanism = 'anonymous' | 'sigV4' | 'sigV2';

const mechanismOf = (req: IncomingMessage): Mechanism => {
  const authorization = req.headers.authorization ?? '';
  const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
  if (authorization.startsWith('AWS4-') || query.has('X-Amz-Algorithm')) return 'sigV4';
  if (authorization.startsWith('AWS ') || query.has('Signature')) return 'sigV2';
  return authorization === '' ? 'anonymous' : 'sigV4';
};

/**
 * Buckets as S3 keeps them under Block Public Access with no public policy: an unsigned request (a GET or HEAD of an
 * object, a listing, a write) is refused with 403 AccessDenied; CORS preflights, which browsers send unsigned (to
 * the presigned URL itself, query and all), go on to the bucket's CorsConfiguration. SigV4 (header or presigned query) is verified here for real, since s3rver
 * accepts any V4 signature; SigV2 is left to s3rver, which verifies it itself.
 */
export const blockPublicAccess =
  (secretOf: (accessKeyId: string) => string | undefined, now: () => Date = () => new Date()) =>
  async (ctx: GuardContext, next: () => Promise<unknown>): Promise<unknown> => {
    const { req } = ctx;
    // A preflight is never authenticated, even when it is sent to a presigned URL (its query is the PUT's signature).
    if (req.method === 'OPTIONS') return next();
    const mechanism = mechanismOf(req);
    if (mechanism === 'anonymous') return refuse(ctx, 'AccessDenied', 'Access Denied');
    if (mechanism === 'sigV2') return next();
    const verdict = verifySigV4({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, secretOf, now());
    return verdict.ok ? next() : refuse(ctx, verdict.code, verdict.message);
  };
