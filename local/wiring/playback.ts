import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { LocalService } from '../config';
import { startPlaybackOrigin, type OriginCors, type PlaybackOrigin } from '../playback/origin';
import { localCredentials } from './endpoints';

type WithEnvironment = { readonly environment: Readonly<Record<string, string>> };

// A distribution whose behaviours name a managed response headers policy: CORS as Managed-CORS-With-Preflight.
const managedCors: OriginCors = { allowOrigins: ['*'], allowMethods: ['GET', 'HEAD', 'OPTIONS'], allowHeaders: ['*'], exposeHeaders: [], maxAgeSeconds: 600 };

/**
 * The media distribution's part locally (local/playback): its origin URL is where published playback URLs point
 * (PLAYBACK_BASE_URL of the functions with a MEDIA_BUCKET), and the playback signer of functions with a
 * PLAYBACK_BUCKET signs grants it checks (PLAYBACK_CDN_DOMAIN, key pair id and the private key as a plain value:
 * no SSM here). Without a distribution in serverless.yml, functions play from the local S3 endpoint (path-style).
 */
export const withLocalPlayback = <F extends WithEnvironment>(fn: F, s3Endpoint: string, origin?: PlaybackOrigin): F => {
  const env = fn.environment;
  const base = origin?.url ?? (env.MEDIA_BUCKET === undefined ? undefined : `${s3Endpoint.replace(/\/$/, '')}/${env.MEDIA_BUCKET}`);
  const published = env.MEDIA_BUCKET !== undefined && env.PLAYBACK_BASE_URL === undefined && base !== undefined ? { PLAYBACK_BASE_URL: base } : {};
  const signing =
    env.PLAYBACK_BUCKET !== undefined && origin !== undefined
      ? { PLAYBACK_CDN_DOMAIN: origin.url, PLAYBACK_KEY_PAIR_ID: origin.keyPairId, PLAYBACK_SIGNING_KEY: origin.privateKeyPem, PLAYBACK_SIGNING_KEY_PARAMETER: '' }
      : {};
  return { ...fn, environment: { ...env, ...published, ...signing } };
};

/**
 * Starts the playback origin of serverless.yml's media distribution, reading the bucket signed as OAC does, its key pair
 * kept under the data folder; none without a distribution.
 */
export const startLocalPlayback = async (service: LocalService, s3Endpoint: string, port: number | undefined, dataDir: string): Promise<PlaybackOrigin | undefined> => {
  const [distribution] = service.distributions;
  if (distribution === undefined) return undefined;
  const s3 = new S3Client({ endpoint: s3Endpoint, region: service.region, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: localCredentials });
  const origin = await startPlaybackOrigin({ s3, bucket: distribution.bucket, unsignedPathPatterns: distribution.unsignedPathPatterns, cors: distribution.cors ?? managedCors, keyFile: join(dataDir, 'playback', 'signing-key.json'), ...(port === undefined || port === 0 ? {} : { port }) });
  return {
    ...origin,
    stop: async () => {
      await origin.stop();
      s3.destroy();
    },
  };
};
