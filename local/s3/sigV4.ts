import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What the local S3 needs of a request to check its signature: the raw request line and headers, as received. */
export interface SignedRequest {
  readonly method: string;
  /** Path and query exactly as sent (`/bucket/key%20x?X-Amz-Date=...`): SigV4 signs the encoded form. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** Why a signed request was refused, in S3's own error codes. */
export type SignatureVerdict =
  | { readonly ok: true; readonly accessKeyId: string }
  | { readonly ok: false; readonly code: 'AccessDenied' | 'InvalidAccessKeyId' | 'SignatureDoesNotMatch' | 'AuthorizationQueryParametersError' | 'RequestTimeTooSkewed'; readonly message: string };

const algorithm = 'AWS4-HMAC-SHA256';
const skewMs = 15 * 60 * 1000;

// RFC 3986 unreserved characters stay; everything else is percent-encoded (what SigV4's canonical query wants).
const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const decode = (text: string) => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

const queryPairs = (query: string) =>
  query === ''
    ? []
    : query.split('&').map((pair) => {
        const at = pair.indexOf('=');
        return at < 0 ? [decode(pair), ''] as const : [decode(pair.slice(0, at)), decode(pair.slice(at + 1))] as const;
      });

const canonicalQuery = (pairs: ReadonlyArray<readonly [string, string]>) =>
  pairs
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [rfc3986(name), rfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');

const headerValue = (headers: SignedRequest['headers'], name: string) => {
  const value = headers[name];
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return String(joined).trim().replace(/\s+/g, ' ');
};

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

/** The parts of a SigV4 signature, from the Authorization header or a presigned URL's query. */
interface SignatureParts {
  readonly accessKeyId: string;
  readonly scope: string;
  readonly date: string;
  readonly amzDate: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly payloadHash: string;
  /** Presigned only: seconds the URL stays valid from `amzDate`. */
  readonly expiresSeconds?: number;
}

const credentialParts = (credential: string) => {
  const [accessKeyId = '', date = '', ...rest] = credential.split('/');
  return { accessKeyId, date, scope: [date, ...rest].join('/') };
};

const fromHeader = (request: SignedRequest): SignatureParts | string => {
  const authorization = headerValue(request.headers, 'authorization');
  if (!authorization.startsWith(`${algorithm} `)) return 'Only AWS4-HMAC-SHA256 signatures are accepted here (the local S3 verifies SigV4).';
  const fields = new Map(authorization.slice(algorithm.length + 1).split(',').map((part) => {
    const [name = '', ...value] = part.trim().split('=');
    return [name, value.join('=')] as const;
  }));
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const amzDate = headerValue(request.headers, 'x-amz-date');
  const payloadHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (credential === undefined || signedHeaders === undefined || signature === undefined) return 'The authorization header needs Credential, SignedHeaders and Signature.';
  if (amzDate === '' || payloadHash === '') return 'A SigV4-signed request needs the x-amz-date and x-amz-content-sha256 headers.';
  return { ...credentialParts(credential), amzDate, signedHeaders: signedHeaders.split(';'), signature, payloadHash };
};

const fromQuery = (query: ReadonlyMap<string, string>): SignatureParts | string => {
  const credential = query.get('X-Amz-Credential');
  const amzDate = query.get('X-Amz-Date');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const signature = query.get('X-Amz-Signature');
  const expires = Number(query.get('X-Amz-Expires'));
  if (query.get('X-Amz-Algorithm') !== algorithm) return 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256".';
  if (credential === undefined || amzDate === undefined || signedHeaders === undefined || signature === undefined) return 'A presigned URL needs X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders and X-Amz-Signature.';
  if (!Number.isInteger(expires) || expires < 1 || expires > 604800) return 'X-Amz-Expires must be a number of seconds between 1 and 604800.';
  return { ...credentialParts(credential), amzDate, signedHeaders: signedHeaders.split(';'), signature, payloadHash: query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD', expiresSeconds: expires };
};

const amzTime = (amzDate: string) => Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

/** Whether the signature is still in its time: a presigned URL until it expires, a signed request within 15 minutes. */
const timeVerdict = (parts: SignatureParts, now: Date): SignatureVerdict | undefined => {
  const signedAt = amzTime(parts.amzDate);
  if (Number.isNaN(signedAt)) return { ok: false, code: 'AccessDenied', message: 'X-Amz-Date must be a date such as 20261203T000000Z.' };
  if (parts.expiresSeconds !== undefined) {
    return now.getTime() > signedAt + parts.expiresSeconds * 1000 ? { ok: false, code: 'AccessDenied', message: 'Request has expired' } : undefined;
  }
  return Math.abs(now.getTime() - signedAt) > skewMs ? { ok: false, code: 'RequestTimeTooSkewed', message: 'The difference between the request time and the current time is too large.' } : undefined;
};

const expectedSignature = (request: SignedRequest, parts: SignatureParts, pairs: ReadonlyArray<readonly [string, string]>, secret: string) => {
  const [path = '/'] = request.url.split('?');
  const canonicalRequest = [
    request.method,
    path,
    canonicalQuery(pairs),
    parts.signedHeaders.map((name) => `${name}:${headerValue(request.headers, name)}\n`).join(''),
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
  const stringToSign = [algorithm, parts.amzDate, parts.scope, sha256(canonicalRequest)].join('\n');
  const [, region = '', service = '', terminator = ''] = parts.scope.split('/');
  const key = [parts.date, region, service, terminator].reduce<Buffer | string>((k, part) => hmac(k, part), `AWS4${secret}`);
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
};

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Verifies a SigV4 request (Authorization header or presigned query) as S3 does: the canonical request rebuilt from
 * what was received, signed with the secret of the access key named in the credential, compared in constant time;
 * a presigned URL past its X-Amz-Expires and a header-signed request more than 15 minutes off are refused. The
 * payload hash is taken as signed (the body itself is not hashed: s3rver streams it).
 */
export const verifySigV4 = (request: SignedRequest, secretOf: (accessKeyId: string) => string | undefined, now: Date): SignatureVerdict => {
  const [, rawQuery = ''] = request.url.split(/\?(.*)/s);
  const pairs = queryPairs(rawQuery);
  const query = new Map(pairs);
  const parts = query.has('X-Amz-Algorithm') ? fromQuery(query) : fromHeader(request);
  if (typeof parts === 'string') return { ok: false, code: query.has('X-Amz-Algorithm') ? 'AuthorizationQueryParametersError' : 'AccessDenied', message: parts };
  const secret = secretOf(parts.accessKeyId);
  if (secret === undefined) return { ok: false, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  const late = timeVerdict(parts, now);
  if (late !== undefined) return late;
  if (!parts.signedHeaders.includes('host')) return { ok: false, code: 'AccessDenied', message: 'The host header must be signed.' };
  const expected = expectedSignature(request, parts, pairs, secret);
  return sameHex(expected, parts.signature)
    ? { ok: true, accessKeyId: parts.accessKeyId }
    : { ok: false, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.' };
};
