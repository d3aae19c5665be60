import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createDynamoDbEventStore, type EventStore } from '../../adapters/eventstore';
import { signedInApi } from '../../client';
import { decodeShowEvent, showStreamId, type ShowEventType } from '../../domain/show';
import { readArchive } from '../../local/archives/archive';
import { localCredentials } from '../../local/cloud';
import { makeTestClip, type ClipOptions } from '../../local/mediaconvert/testClip';
import { startE2eStack, type E2eStack } from '../../test/e2eStack';

/**
 * A creator's upload journey through `npm start`'s stack on the real serverless.yml, with the typed client: draft
 * with POST /shows, upload with POST /shows/{showId}/uploads, be rejected (the machine reviewer rejects a black
 * picture), upload a new source, be published; an empty file ends its ingest with "the file is empty" and the show
 * takes a new source; each run's end reaches the bus for the creator's notice; refusals say what was wrong.
 */
describe('a creator\'s uploads on the local cloud', () => {
  let stack: E2eStack;
  let store: EventStore;
  let dynamodb: DynamoDBClient;
  let s3: S3Client;
  let api: string;
  const creator = (sub = 'creator-1') => stack.token(sub, ['creator']).then((token) => signedInApi({ baseUrl: api }, token));

  beforeAll(async () => {
    stack = await startE2eStack('uploads');
    api = stack.cloud.endpoints.api;
    dynamodb = new DynamoDBClient({ endpoint: stack.cloud.endpoints.dynamodb, region: stack.cloud.service.region, credentials: localCredentials });
    store = createDynamoDbEventStore({ client: dynamodb, tables: { events: 'showrunner-dev-events', snapshots: 'showrunner-dev-snapshots' } });
    s3 = new S3Client({ endpoint: stack.cloud.endpoints.s3, region: stack.cloud.service.region, credentials: localCredentials, forcePathStyle: true });
  }, 120_000);

  afterAll(async () => {
    (dynamodb as DynamoDBClient | undefined)?.destroy();
    (s3 as S3Client | undefined)?.destroy();
    await (stack as E2eStack | undefined)?.stop();
  }, 120_000);

  const events = async (showId: string) => (await store.readStream(showStreamId(showId))).events.map((stored) => decodeShowEvent(stored));
  const count = async (showId: string, type: ShowEventType) => (await events(showId)).filter((e) => e.type === type).length;
  const waitFor = async (what: string, probe: () => Promise<boolean>, timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const waitForNth = (showId: string, type: ShowEventType, n: number) => waitFor(`${type} #${n} of ${showId}`, async () => (await count(showId, type)) >= n);

  /** The facts of a show that reached the bus (the bus's archive receives everything put on it). */
  const onTheBus = (showId: string, type: string) => {
    const archive = stack.cloud.service.archives.find((a) => a.eventBusName === 'showrunner-dev');
    if (archive === undefined) throw new Error('serverless.yml declares no archive on the bus');
    return readArchive(stack.dataDir, archive.name).filter((e) => e['detail-type'] === type && (e.detail as { data?: { showId?: string } }).data?.showId === showId);
  };

  const clip = async (name: string, options: ClipOptions) => {
    const path = join(stack.dataDir, `${name}.mp4`);
    await makeTestClip(path, { seconds: 2, width: 320, height: 240, audio: 'tone', ...options });
    return readFileSync(path);
  };

  const draft = async (showId: string) => {
    const client = await creator();
    const drafted = await client.POST('/shows', { body: { showId, title: 'Harbour Lights', description: 'A night at the port', genre: 'documentary', language: 'en' } });
    expect(drafted.response.status).toBe(201);
  };

  /** POST /shows/{showId}/uploads, then the PUT of the bytes with the headers it gave: what a creator's app does. */
  const uploadTo = async (showId: string, bytes: Buffer) => {
    const client = await creator();
    const asked = await client.POST('/shows/{showId}/uploads', { params: { path: { showId } }, body: { fileName: 'harbour.mp4', contentType: 'video/mp4', sizeBytes: bytes.length } });
    expect(asked.response.status).toBe(201);
    const presigned = asked.data;
    if (presigned === undefined || !('upload' in presigned)) throw new Error('no presigned upload');
    const put = await fetch(presigned.upload.url, { method: 'PUT', headers: presigned.upload.headers, body: bytes });
    expect(put.status).toBe(200);
    return presigned;
  };

  it('takes a show drafted alone to media: rejected, re-uploaded, published, each end on the bus', async () => {
    await draft('journey-1');
    const first = await uploadTo('journey-1', await clip('black', { picture: 'black' }));
    await waitForNth('journey-1', 'ShowRejected', 1);
    await waitFor('the rejection on the bus', async () => onTheBus('journey-1', 'ShowRejected').length === 1);

    const second = await uploadTo('journey-1', await clip('clean', {}));
    expect(second.uploadId).not.toBe(first.uploadId);
    await waitForNth('journey-1', 'ShowPublished', 1);
    await waitFor('the publication on the bus', async () => onTheBus('journey-1', 'ShowPublished').length === 1);
    const sources = (await events('journey-1')).flatMap((e) => (e.type === 'SourceUploaded' ? [e.data.uploadId] : []));
    expect(sources).toEqual([first.uploadId, second.uploadId]);
  }, 180_000);

  it('ends the ingest of an empty file with "the file is empty", and the show takes a new source', async () => {
    await draft('empty-1');
    const client = await creator();
    const asked = await client.POST('/shows/{showId}/uploads', { params: { path: { showId: 'empty-1' } }, body: { fileName: 'harbour.mp4', contentType: 'video/mp4', sizeBytes: 4096 } });
    const key = asked.data !== undefined && 'upload' in asked.data ? asked.data.upload.key : '';
    // A client that ignored the size it declared (the presigned URL pins it; a direct write does not).
    await s3.send(new PutObjectCommand({ Bucket: 'showrunner-dev-sources', Key: key, Body: Buffer.alloc(0) }));
    await waitForNth('empty-1', 'ProcessingFailed', 1);
    const failed = (await events('empty-1')).find((e) => e.type === 'IngestFailed');
    expect(failed?.data).toMatchObject({ reason: 'SOURCE_UNREADABLE', message: 'the file is empty' });
    const timeline = await client.GET('/shows/{showId}/workflow', { params: { path: { showId: 'empty-1' } } });
    expect(timeline.data?.error).toMatchObject({ stage: 'ingest', message: 'the file is empty' });
    await waitFor('the failure on the bus', async () => onTheBus('empty-1', 'ProcessingFailed').length === 1);

    await uploadTo('empty-1', await clip('retry', {}));
    await waitForNth('empty-1', 'SourceProbed', 1);
  }, 180_000);

  it('refuses in words a person understands, and lets no one else upload', async () => {
    await draft('guarded-1');
    const client = await creator();
    const file = { fileName: 'harbour.mp4', contentType: 'video/mp4', sizeBytes: 4096 };
    const unknown = await client.POST('/shows/{showId}/uploads', { params: { path: { showId: 'nobody-1' } }, body: file });
    expect(unknown.response.status).toBe(404);
    expect(unknown.error).toMatchObject({ message: 'No show nobody-1: draft it with POST /shows first.' });
    const someoneElse = await (await creator('creator-2')).POST('/shows/{showId}/uploads', { params: { path: { showId: 'guarded-1' } }, body: file });
    expect(someoneElse.response.status).toBe(404);
    const pdf = await client.POST('/shows/{showId}/uploads', { params: { path: { showId: 'guarded-1' } }, body: { ...file, contentType: 'application/pdf' } });
    expect(pdf.response.status).toBe(400);
    expect(pdf.error?.message).toContain('body.contentType must be a video type');
    const huge = await client.POST('/shows/{showId}/uploads', { params: { path: { showId: 'guarded-1' } }, body: { ...file, sizeBytes: 6 * 1024 ** 3 } });
    expect(huge.error?.message).toContain('body.sizeBytes must be at most 5368709120 bytes (5 GiB)');
    expect(await events('guarded-1')).toHaveLength(1);
  }, 60_000);
});
