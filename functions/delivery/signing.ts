import { getSignedCookies, getSignedUrl } from '@aws-sdk/cloudfront-signer';

/** What a player needs to fetch one published transcode: a URL per format, and how to sign what follows them. */
export interface PlaybackGrant {
  readonly sources: ReadonlyArray<{ readonly format: string; readonly url: string }>;
  /**
   * CloudFront only: the signed cookies covering every object under the transcode's prefix (variant playlists,
   * segments, init files). Set them for the CDN's domain, or append `query` to each request a player makes.
   */
  readonly cloudFront?: {
    readonly cookies: Readonly<Record<'CloudFront-Policy' | 'CloudFront-Signature' | 'CloudFront-Key-Pair-Id', string>>;
    /** `Policy=...&Signature=...&Key-Pair-Id=...`: the same grant as a query string, for players that cannot use cookies. */
    readonly query: string;
    /** The resource the policy allows: `https://<domain>/<prefix>*`. */
    readonly resource: string;
  };
}

/** One output of a published transcode: its format and its key in the media bucket. */
export interface PlaybackOutput {
  readonly format: string;
  readonly key: string;
}

/** The playback port: signs access to the objects of one published transcode for `ttlSeconds` from `now`. */
export interface PlaybackSigner {
  grant(input: { readonly outputs: readonly PlaybackOutput[]; readonly now: Date; readonly ttlSeconds: number }): Promise<PlaybackGrant>;
}

/** The folder every output of a transcode sits under (`outputs/show-1/transcode-1/`): what one grant covers. */
export const commonPrefix = (keys: readonly string[]): string => {
  const [first, ...rest] = keys.map((key) => key.split('/').slice(0, -1));
  if (first === undefined) return '';
  let length = 0;
  while (length < first.length && rest.every((dirs) => dirs[length] === first[length])) length += 1;
  return length === 0 ? '' : `${first.slice(0, length).join('/')}/`;
};

/** A CloudFront custom policy: one resource (a wildcard over the prefix), valid until `expiresAt`. */
export const customPolicy = (resource: string, expiresAt: Date): string =>
  JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': Math.floor(expiresAt.getTime() / 1000) } } }] });

export interface CloudFrontSigning {
  /** The distribution's domain, e.g. d111111abcdef8.cloudfront.net (or its alias), or its origin URL (`https://host:port`). */
  readonly domain: string;
  /** The CloudFront public key id of the key group the distribution trusts. */
  readonly keyPairId: string;
  /** The PEM private key of that public key; fetched at run time, never logged. */
  readonly privateKey: () => Promise<string>;
}

/**
 * CloudFront signed cookies and URLs with a custom policy over the transcode's prefix. A canned policy (one exact
 * URL) would let a player fetch the master playlist and nothing it points at: an HLS or DASH player then asks for
 * variant playlists and segments by relative URL, which the cookies (or the same query) cover.
 */
export const cloudFrontSigner = (signing: CloudFrontSigning): PlaybackSigner => ({
  grant: async ({ outputs, now, ttlSeconds }) => {
    const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
    const privateKey = await signing.privateKey();
    const base = /^https?:\/\//.test(signing.domain) ? signing.domain.replace(/\/$/, '') : `https://${signing.domain}`;
    const resource = `${base}/${commonPrefix(outputs.map((o) => o.key))}*`;
    const policy = customPolicy(resource, expiresAt);
    const credentials = { keyPairId: signing.keyPairId, privateKey, policy };
    const cookies = getSignedCookies(credentials);
    const sources = outputs.map(({ format, key }) => ({ format, url: getSignedUrl({ ...credentials, url: `${base}/${key}` }) }));
    // Every URL signed with one policy carries the same three parameters: the query is any one of them.
    const query = new URL(getSignedUrl({ ...credentials, url: `${base}/` })).search.slice(1);
    return {
      sources,
      cloudFront: {
        cookies: {
          'CloudFront-Policy': cookies['CloudFront-Policy'] ?? '',
          'CloudFront-Signature': cookies['CloudFront-Signature'],
          'CloudFront-Key-Pair-Id': cookies['CloudFront-Key-Pair-Id'],
        },
        query,
        resource,
      },
    };
  },
});
