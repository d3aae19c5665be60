import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createStoreFixture, type StoreFixture } from '../../../adapters/eventstore/testing/storeFixture';
import { startS3Local } from '../../../local/s3/s3Local';

export interface ShowMediaFixture {
  /** An S3 client of the local S3 holding the `sources` and `media` buckets. */
  readonly s3: () => S3Client;
  /** The event store on DynamoDB Local. */
  readonly store: () => StoreFixture['store'];
  readonly put: (bucket: string, key: string) => Promise<unknown>;
  /** Every key in the bucket, sorted. */
  readonly keysIn: (bucket: string) => Promise<(string | undefined)[]>;
}

/**
 * The real local S3 with a show's two buckets (`sources`, `media`) and the event store, started before the file's
 * tests and stopped after them: for code that deletes a show's media.
 */
export const showMediaFixture = (): ShowMediaFixture => {
  const dataDir = mkdtempSync(join(tmpdir(), 'show-media-'));
  const ready: { s3?: Awaited<ReturnType<typeof startS3Local>>; client?: S3Client; store?: StoreFixture } = {};
  beforeAll(async () => {
    ready.s3 = await startS3Local({ dataDir, accountId: '000000000000', buckets: [{ name: 'sources', eventBridge: false }, { name: 'media', eventBridge: false }], onEvent: () => undefined });
    ready.client = new S3Client({ endpoint: ready.s3.endpoint, region: 'us-east-1', forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    ready.store = await createStoreFixture();
  });
  afterAll(async () => {
    ready.client?.destroy();
    await ready.s3?.stop();
    await ready.store?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const s3 = (): S3Client => {
    if (ready.client === undefined) throw new Error('showMediaFixture: use it inside a test, after beforeAll');
    return ready.client;
  };
  const store = () => {
    if (ready.store === undefined) throw new Error('showMediaFixture: use it inside a test, after beforeAll');
    return ready.store.store;
  };
  return {
    s3,
    store,
    put: (Bucket, Key) => s3().send(new PutObjectCommand({ Bucket, Key, Body: 'x' })),
    keysIn: async (Bucket) => ((await s3().send(new ListObjectsV2Command({ Bucket }))).Contents ?? []).map((o) => o.Key).sort(),
  };
};
