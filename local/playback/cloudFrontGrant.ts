import { verify } from 'node:crypto';
import { z } from 'zod';

/** The three values of a CloudFront custom-policy grant, from a signed URL's query or the signed cookies. */
export interface GrantValues {
  readonly policy: string | undefined;
  readonly signature: string | undefined;
  readonly keyPairId: string | undefined;
}

export type GrantVerdict = { readonly ok: true } | { readonly ok: false; readonly code: 'MissingKey' | 'AccessDenied'; readonly message: string };

/** CloudFront's URL-safe base64: `-` for `+`, `_` for `=`, `~` for `/`. */
const fromCloudFrontBase64 = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

const policySchema = z.object({
  Statement: z
    .array(
      z.object({
        Resource: z.string(),
        Condition: z.object({
          DateLessThan: z.object({ 'AWS:EpochTime': z.number() }),
          DateGreaterThan: z.object({ 'AWS:EpochTime': z.number() }).optional(),
        }),
      }),
    )
    .length(1),
});

/** CloudFront's resource wildcards: `*` any run of characters (slashes too), `?` exactly one. */
export const resourceMatches = (pattern: string, url: string): boolean => {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(url);
};

const cookiesOf = (header: string | undefined): Map<string, string> =>
  new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter((part) => part.includes('='))
      .map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)] as const),
  );

/** The grant a request carries: the query's Policy/Signature/Key-Pair-Id first, else the CloudFront-* cookies. */
export const grantOf = (query: URLSearchParams, cookieHeader: string | undefined): GrantValues => {
  if (query.has('Policy') || query.has('Signature') || query.has('Key-Pair-Id')) {
    return { policy: query.get('Policy') ?? undefined, signature: query.get('Signature') ?? undefined, keyPairId: query.get('Key-Pair-Id') ?? undefined };
  }
  const cookies = cookiesOf(cookieHeader);
  return { policy: cookies.get('CloudFront-Policy'), signature: cookies.get('CloudFront-Signature'), keyPairId: cookies.get('CloudFront-Key-Pair-Id') };
};

const denied = (message: string): GrantVerdict => ({ ok: false, code: 'AccessDenied', message });

const parsePolicy = (policy: string) => {
  try {
    return policySchema.safeParse(JSON.parse(fromCloudFrontBase64(policy).toString('utf8'))).data;
  } catch {
    return undefined;
  }
};

const checkStatement = (policy: string, url: string, now: Date): GrantVerdict => {
  const statement = parsePolicy(policy)?.Statement[0];
  if (statement === undefined) return denied('Access denied: the policy is malformed.');
  const epoch = now.getTime() / 1000;
  if (epoch >= statement.Condition.DateLessThan['AWS:EpochTime']) return denied('Access denied: the grant has expired (ask for a new one).');
  const notBefore = statement.Condition.DateGreaterThan?.['AWS:EpochTime'];
  if (notBefore !== undefined && epoch <= notBefore) return denied('Access denied: the grant is not valid yet.');
  return resourceMatches(statement.Resource, url) ? { ok: true } : denied('Access denied: the grant does not cover this object.');
};

/**
 * Checks a custom-policy grant as a distribution with trusted key groups does: a key the distribution trusts, a
 * signature (RSA-SHA1) of that exact policy by its private key, a resource pattern matching the requested URL, and
 * the current time inside the policy's dates. `url` is the request's URL without the grant's own query.
 */
export const verifyGrant = (grant: GrantValues, url: string, publicKeys: ReadonlyMap<string, string>, now: Date): GrantVerdict => {
  if (grant.keyPairId === undefined) return { ok: false, code: 'MissingKey', message: 'Missing Key-Pair-Id query parameter or cookie value' };
  if (grant.policy === undefined || grant.signature === undefined) return denied('Access denied: the request carries no Policy and Signature (ask for a new grant).');
  const publicKey = publicKeys.get(grant.keyPairId);
  if (publicKey === undefined) return denied(`Access denied: key ${grant.keyPairId} is not trusted by this distribution.`);
  if (!verify('sha1', fromCloudFrontBase64(grant.policy), publicKey, fromCloudFrontBase64(grant.signature))) return denied('Access denied: the signature does not match the policy.');
  return checkStatement(grant.policy, url, now);
};
