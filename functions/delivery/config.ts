import type { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { ConfigurationError, readConfig, type Env } from '../runtime/config';
import { s3Client } from '../runtime/sdk/s3';
import { resolveSecret, secretReference, ssmParameters, type ParameterReader } from '../runtime/secrets';
import { s3PresignSigner } from './s3Signer';
import { cloudFrontSigner, type PlaybackSigner } from './signing';

const emptyIsUnset = (schema: z.ZodType<string>) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const playbackSchema = z
  .object({
    /** The workflow's media bucket (functions/workflow/resources.yml): the one place renditions are written. */
    PLAYBACK_BUCKET: z.string().min(3),
    PLAYBACK_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
    /**
     * The CloudFront distribution's domain (https), or its origin as a URL when it is not plain https on 443; unset
     * (no distribution) means presigned S3 GETs.
     */
    PLAYBACK_CDN_DOMAIN: emptyIsUnset(z.union([z.string().regex(/^[a-z0-9.-]+$/), z.string().regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?\/?$/)], 'a host name such as d111111abcdef8.cloudfront.net, or an origin such as https://media.example.com:8443')),
    /** The CloudFront public key id the distribution's key group trusts. */
    PLAYBACK_KEY_PAIR_ID: emptyIsUnset(z.string().min(1)),
    /** When set, signed cookies are also sent as Set-Cookie for this parent domain (API and CDN under one domain). */
    PLAYBACK_COOKIE_DOMAIN: emptyIsUnset(z.string().regex(/^\.?[a-z0-9.-]+$/)),
  })
  .refine((c) => c.PLAYBACK_CDN_DOMAIN === undefined || c.PLAYBACK_KEY_PAIR_ID !== undefined, {
    message: 'PLAYBACK_KEY_PAIR_ID is required with PLAYBACK_CDN_DOMAIN',
  });

export interface PlaybackConfig {
  readonly ttlSeconds: number;
  readonly cookieDomain: string | undefined;
  readonly signer: PlaybackSigner;
}

/**
 * The playback signer this configuration asks for: CloudFront when a distribution is configured (its private key
 * from PLAYBACK_SIGNING_KEY_PARAMETER, an SSM SecureString), presigned S3 GETs otherwise. Decided once, here.
 */
export const readPlaybackConfig = (env: Env, read: ParameterReader = ssmParameters, s3: () => S3Client = s3Client): PlaybackConfig => {
  const c = readConfig(playbackSchema, env, 'playback configuration');
  const base = { ttlSeconds: c.PLAYBACK_URL_TTL_SECONDS, cookieDomain: c.PLAYBACK_COOKIE_DOMAIN };
  if (c.PLAYBACK_CDN_DOMAIN === undefined || c.PLAYBACK_KEY_PAIR_ID === undefined) return { ...base, signer: s3PresignSigner(s3, c.PLAYBACK_BUCKET) };
  const key = secretReference(env, 'PLAYBACK_SIGNING_KEY');
  if (key === undefined) throw new ConfigurationError('playback configuration', 'set PLAYBACK_SIGNING_KEY_PARAMETER (the SSM SecureString holding the CloudFront private key)');
  return {
    ...base,
    signer: cloudFrontSigner({ domain: c.PLAYBACK_CDN_DOMAIN, keyPairId: c.PLAYBACK_KEY_PAIR_ID, privateKey: () => resolveSecret(key, read) }),
  };
};
