import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createStoreFixture, type StoreFixture } from '../../adapters/eventstore/testing/storeFixture';
import { publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import { outputPrefix } from '../../domain/media/jobSettings';
import * as f from '../../domain/show/fixtures';
import { startS3Local } from '../../local/s3/s3Local';
import { sourceKeyOf } from '../workflow/workflowRuns';
import { mediaCleanup } from './mediaCleanup';

const buckets = { sourceBucket: 'sources', mediaBucket: 'media' };
const dataDir = mkdtempSync(join(tmpdir(), 'cleanup-'));
let s3: Awaited<ReturnType<typeof startS3Local>>;
let client: S3Client;
let fixture: StoreFixture;

const keysIn = async (Bucket: string) => ((await client.send(new ListObjectsV2Command({ Bucket }))).Contents ?? []).map((o) => o.Key).sort();
const put = (Bucket: string, Key: string) => client.send(new PutObjectCommand({ Bucket, Key, Body: 'x' }));

/** The last event of a show's stream as the outbox publisher puts it on the bus: the stored envelope is the detail. */
const onTheBus = async (showId: string) => ({ 'detail-type': 'ShowDeleted', detail: JSON.parse(JSON.stringify((await fixture.store.readStream(`show#${showId}`)).events.at(-1))) as unknown });

beforeAll(async () => {
  s3 = await startS3Local({ dataDir, accountId: '000000000000', buckets: [{ name: 'sources', eventBridge: false }, { name: 'media', eventBridge: false }], onEvent: () => undefined });
  client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  fixture = await createStoreFixture();
});
afterAll(async () => {
  client.destroy();
  await s3.stop();
  await fixture.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('media cleanup on ShowDeleted', () => {
  it('deletes every source, rendition and thumbnail of the deleted show in both buckets, and nothing of another show', async () => {
    await runShowCommands(fixture.store, publishCommands({ showId: 'gone' }));
    await runShowCommands(fixture.store, [{ type: 'DeleteShow', showId: 'gone', now: f.now, actor: f.owner }]);
    const media = (showId: string, transcodeId: string) => [`${outputPrefix(showId, transcodeId)}/hls/master.m3u8`, `${outputPrefix(showId, transcodeId)}/hls/master_720p_00001.ts`, `${outputPrefix(showId, transcodeId)}/thumbnails/thumb.0000001.jpg`];
    for (const key of [sourceKeyOf('gone', 'upload-1', 'mp4'), sourceKeyOf('gone', 'upload-2', 'mov'), sourceKeyOf('gone-too', 'upload-1', 'mp4')]) await put('sources', key);
    for (const key of [...media('gone', 'transcode-1'), ...media('gone', 'transcode-2'), ...media('gone-too', 'transcode-1')]) await put('media', key);

    const cleanup = mediaCleanup({ s3: client, ...buckets });
    expect(await cleanup(await onTheBus('gone'))).toEqual({ deletedObjects: 8 });
    expect(await keysIn('sources')).toEqual([sourceKeyOf('gone-too', 'upload-1', 'mp4')]);
    expect(await keysIn('media')).toEqual(media('gone-too', 'transcode-1').sort());
    // Redelivered: nothing left to delete, nothing else touched.
    expect(await cleanup(await onTheBus('gone'))).toEqual({ deletedObjects: 0 });
    expect(await keysIn('media')).toHaveLength(3);
  });

  it('ignores any other event and refuses what is not an event envelope', async () => {
    await runShowCommands(fixture.store, publishCommands({ showId: 'kept' }));
    await put('sources', sourceKeyOf('kept', 'upload-1', 'mp4'));
    expect(await mediaCleanup({ s3: client, ...buckets })(await onTheBus('kept'))).toEqual({ deletedObjects: 0 });
    expect(await keysIn('sources')).toContain(sourceKeyOf('kept', 'upload-1', 'mp4'));
    await expect(mediaCleanup({ s3: client, ...buckets })({ detail: { showId: 'kept' } })).rejects.toThrow();
  });
});
