import { createHash } from 'node:crypto';
import { json, type HttpResult } from '../http/response';

/** Published catalogue data: a CDN may keep it a minute, browsers half that. */
export const publicCaching = 'public, max-age=30, s-maxage=60, stale-while-revalidate=30';
/** What only its creator or an admin may see must never sit in a shared cache. */
export const privateCaching = 'private, no-store';

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');

/**
 * A JSON answer with an ETag over its exact bytes (prefixed with the entry version where there is one, so
 * PUT's If-Match can carry it back), Cache-Control, and 304 when the client already holds this very body.
 */
export const cacheableJson = (body: unknown, options: { headers: Readonly<Record<string, string | undefined>>; cacheControl: string; version?: number }): HttpResult => {
  const text = JSON.stringify(body);
  const digest = createHash('sha256').update(text).digest('base64url').slice(0, 22);
  const etag = `"${options.version === undefined ? '' : `v${options.version}.`}${digest}"`;
  const headers = { etag, 'cache-control': options.cacheControl, vary: 'authorization' };
  if (matches(options.headers['if-none-match'], etag)) return { statusCode: 304, headers };
  return { ...json(200, body, headers), body: text };
};

/** The stream version an If-Match names: `"v12.<digest>"` (an ETag of this API), `"v12"`, `"12"` or `12`. */
export const versionOfIfMatch = (ifMatch: string | undefined): number | undefined => {
  if (ifMatch === undefined) return undefined;
  const found = /^\s*(?:W\/)?"?v?(\d+)(?:\.[^"]*)?"?\s*$/.exec(ifMatch);
  return found?.[1] === undefined ? Number.NaN : Number(found[1]);
};
