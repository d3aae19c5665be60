import { S3Client } from '@aws-sdk/client-s3';
import { traced } from './tracer';

let client: S3Client | undefined;

/**
 * The S3 client of this container. Addressing style is configuration: AWS uses virtual-hosted buckets, an
 * S3-compatible server such as the local one may serve buckets by path only (S3_FORCE_PATH_STYLE=true).
 */
export const s3Client = (env: Readonly<Record<string, string | undefined>> = process.env): S3Client => {
  client ??= traced(new S3Client({ forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true' }));
  return client;
};
