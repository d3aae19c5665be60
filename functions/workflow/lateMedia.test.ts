import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createStoreFixture, type StoreFixture } from '../../adapters/eventstore/testing/storeFixture';
import { publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import { outputPrefix } from '../../domain/media/jobSettings';
import * as f from '../../domain/show/fixtures';
import { startS3Local } from '../../local/s3/s3Local';
import { recordFailure } from './recordFailure';

/**
 * A transcode still running when its show is deleted writes its renditions after the deletion's cleanup; the run
 * then ends in RecordFailure, whose record the deleted show refuses: the task deletes what the run left behind.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'late-media-'));
let s3: Awaited<ReturnType<typeof startS3Local>>;
let client: S3Client;
let fixture: StoreFixture;

const keysIn = async (Bucket: string) => ((await client.send(new ListObjectsV2Command({ Bucket }))).Contents ?? []).map((o) => o.Key).sort();

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

describe('the RecordFailure task of a run that outlived its show', () => {
  it("deletes the renditions the run wrote after the show's deletion, records nothing, and leaves other shows alone", async () => {
    // Transcoding when the creator deleted it.
    await runShowCommands(fixture.store, publishCommands({ showId: 'late' }).slice(0, 6));
    await runShowCommands(fixture.store, [{ type: 'DeleteShow', showId: 'late', now: f.now, actor: f.owner }]);
    const eventsAtDeletion = (await fixture.store.readStream('show#late')).events.length;
    const late = [`${outputPrefix('late', 'transcode-1')}/hls/master.m3u8`, `${outputPrefix('late', 'transcode-1')}/thumbnails/thumb.0000001.jpg`];
    const other = `${outputPrefix('late-not', 'transcode-1')}/hls/master.m3u8`;
    for (const Key of [...late, other]) await client.send(new PutObjectCommand({ Bucket: 'media', Key, Body: 'x' }));

    const task = recordFailure({ store: fixture.store, s3: client, now: () => f.now, config: { SOURCE_BUCKET: 'sources', MEDIA_BUCKET: 'media' } });
    const notice = { stage: 'transcode', error: 'CommandRefusedError', cause: 'Show late was deleted' };
    expect(await task({ showId: 'late', executionName: 'run-late', notice })).toEqual({ recorded: false, deletedObjects: 2 });
    expect(await keysIn('media')).toEqual([other]);
    expect((await fixture.store.readStream('show#late')).events).toHaveLength(eventsAtDeletion);
    // Run again (a retried task): nothing left to delete, still no record.
    expect(await task({ showId: 'late', executionName: 'run-late', notice })).toEqual({ recorded: false, deletedObjects: 0 });
  });
});
