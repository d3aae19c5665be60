import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { z } from 'zod';
import { freePort } from '../parts/freePort';
import { blockPublicAccess } from './blockPublicAccess';
import { corsConfigurationXml, type BucketCorsRule } from './corsXml';
import { s3NotificationRecordSchema, toS3EventBridgeEvent, type S3EventBridgeEvent } from './eventBridgeNotification';
import { abortIncompleteUploads, multipartFacade } from './multipart';

export interface LocalBucket {
  readonly name: string;
  /** Mirrors `NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled` of the bucket resource. */
  readonly eventBridge: boolean;
  /** The bucket resource's `CorsConfiguration.CorsRules`: applied as S3 applies them (none: CORS requests refused). */
  readonly corsRules?: readonly BucketCorsRule[] | undefined;
  /** The lifecycle rule AbortIncompleteMultipartUpload: uploads older than this many days are aborted by a sweep. */
  readonly abortIncompleteMultipartUploadDays?: number | undefined;
}

export interface S3LocalOptions {
  readonly dataDir: string;
  readonly port?: number;
  readonly accountId: string;
  readonly buckets: readonly LocalBucket[];
  onEvent(event: S3EventBridgeEvent): void;
}

/** The one key pair s3rver knows (access key id and secret are the same string); the local stack hands it to every process. */
export const localAccessKey = 'S3RVER';

/**
 * An S3-compatible server (s3rver) keeping objects on disk. Clients must use path-style addressing and
 * `requestChecksumCalculation: 'WHEN_REQUIRED'`: s3rver stores the SDK's default chunked checksum framing as data.
 * Like S3 under Block Public Access, it answers signed requests and presigned URLs only (blockPublicAccess.ts).
 */
export const startS3Local = async (options: S3LocalOptions) => {
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: options.dataDir,
    // SigV2 is checked by s3rver itself; SigV4 and anonymous requests by the guard in front of it.
    allowMismatchedSignatures: false,
    vhostBuckets: false,
    configureBuckets: options.buckets.map((b) => ({ name: b.name, configs: b.corsRules === undefined ? [] : [corsConfigurationXml(b.corsRules)] })),
  });
  // What s3rver lacks of multipart uploads (ListParts, abort, listing, S3's checks), behind the signature check.
  server.middleware.unshift(multipartFacade(options.dataDir));
  // First in s3rver's Koa chain, so nothing unsigned reaches a bucket (s3rver knows one key pair, S3RVER/S3RVER).
  server.middleware.unshift(blockPublicAccess((accessKeyId) => (accessKeyId === localAccessKey ? localAccessKey : undefined)));
  const notifying = new Set(options.buckets.filter((b) => b.eventBridge).map((b) => b.name));
  server.on('event', (payload: unknown) => {
    const records = z.array(s3NotificationRecordSchema).safeParse((payload as { Records?: unknown }).Records);
    if (!records.success) return console.error(`[s3] unreadable notification: ${records.error.message}`);
    for (const record of records.data) {
      if (notifying.has(record.s3.bucket.name)) options.onEvent(toS3EventBridgeEvent(record, options.accountId));
    }
  });
  await server.run();
  const sweep = sweepAbandonedUploads(options);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () => {
      clearInterval(sweep);
      return server.close();
    },
  };
};

const dayMs = 24 * 3600 * 1000;
// S3 applies lifecycle rules about once a day; hourly here is as close as anyone can tell, and cheap.
const sweepEveryMs = 3600 * 1000;

/** The buckets' AbortIncompleteMultipartUpload rules, applied at start and every hour after. */
const sweepAbandonedUploads = (options: S3LocalOptions) => {
  const run = () => {
    for (const bucket of options.buckets) {
      if (bucket.abortIncompleteMultipartUploadDays === undefined) continue;
      abortIncompleteUploads(options.dataDir, bucket.name, bucket.abortIncompleteMultipartUploadDays * dayMs).catch((error: unknown) => console.error(`[s3] multipart sweep of ${bucket.name} failed: ${String(error)}`));
    }
  };
  run();
  const timer = setInterval(run, sweepEveryMs);
  timer.unref();
  return timer;
};
