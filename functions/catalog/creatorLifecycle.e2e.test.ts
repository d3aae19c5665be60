import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createDynamoDbEventStore } from '../../adapters/eventstore';
import { signedInApi, showrunnerApi } from '../../client';
import { showStreamId } from '../../domain/show';
import { localCredentials } from '../../local/cloud';
import { makeTestClip } from '../../local/mediaconvert/testClip';
import { startE2eStack, type E2eStack } from '../../test/e2eStack';

type StudioShow = { showId: string; status: string; stage: string | null; problem: { reason: string; message: string } | null; visibility: string };

/**
 * A creator's whole journey through the HTTP API of `npm start`'s stack, with the typed client: draft, upload, follow the
 * status in the studio, be rejected, re-upload, be published, edit, choose who sees it, delete it (its media leaves S3).
 */
describe('a creator\'s shows from upload to deletion, through the API', () => {
  const root = mkdtempSync(join(tmpdir(), 'creator-lifecycle-'));
  let stack: E2eStack;
  let s3: S3Client;
  let dynamodb: DynamoDBClient;
  const as: Record<'ada' | 'bob' | 'reviewer' | 'admin', ReturnType<typeof signedInApi>> = {} as never;
  let anonymous: ReturnType<typeof showrunnerApi>;

  beforeAll(async () => {
    stack = await startE2eStack('creator-lifecycle');
    const baseUrl = stack.cloud.endpoints.api;
    as.ada = signedInApi({ baseUrl }, await stack.token('ada', ['creator']));
    as.bob = signedInApi({ baseUrl }, await stack.token('bob', []));
    as.reviewer = signedInApi({ baseUrl }, await stack.token('rita', ['reviewer']));
    as.admin = signedInApi({ baseUrl }, await stack.token('root', ['admin']));
    anonymous = showrunnerApi({ baseUrl });
    s3 = new S3Client({ endpoint: stack.cloud.endpoints.s3, region: stack.cloud.service.region, credentials: localCredentials, forcePathStyle: true });
    dynamodb = new DynamoDBClient({ endpoint: stack.cloud.endpoints.dynamodb, region: stack.cloud.service.region, credentials: localCredentials });
  }, 120_000);

  afterAll(async () => {
    (s3 as S3Client | undefined)?.destroy();
    (dynamodb as DynamoDBClient | undefined)?.destroy();
    rmSync(root, { recursive: true, force: true });
    await (stack as E2eStack | undefined)?.stop();
  }, 120_000);

  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  /** Every status the creator's list showed for the show while waiting for `until`. */
  const seen = new Map<string, string[]>();
  const studioShow = async (showId: string): Promise<StudioShow | undefined> => {
    const { data } = await as.ada.GET('/studio/shows', { params: { query: { limit: 100 } } });
    const found = (data?.items as StudioShow[] | undefined)?.find((item) => item.showId === showId);
    if (found !== undefined && seen.get(showId)?.at(-1) !== found.status) seen.set(showId, [...(seen.get(showId) ?? []), found.status]);
    return found;
  };
  const studioStatus = (showId: string, status: string) => waitFor(`${showId} ${status} in the studio`, async () => {
    const found = await studioShow(showId);
    return found?.status === status ? found : undefined;
  });

  /** A clip without sound: the machine reviewer leaves it to a human. */
  const clip = async (name: string) => {
    const path = join(root, `${name}.mp4`);
    await makeTestClip(path, { seconds: 2, width: 320, height: 240, audio: 'none' });
    return readFileSync(path);
  };

  /** POST /shows/{showId}/uploads, then the bytes PUT to the presigned URL, as a creator's client does. */
  const upload = async (showId: string, name: string) => {
    const bytes = await clip(name);
    const created = await as.ada.POST('/shows/{showId}/uploads', { params: { path: { showId } }, body: { fileName: `${name}.mp4`, contentType: 'video/mp4', sizeBytes: bytes.length } });
    expect(created.response.status).toBe(201);
    const target = created.data !== undefined && 'upload' in created.data ? created.data.upload : undefined;
    if (target === undefined) throw new Error('no upload target');
    await studioStatus(showId, 'awaitingUpload');
    expect((await fetch(target.url, { method: 'PUT', headers: target.headers, body: bytes })).status).toBe(200);
  };

  /** A human decides once the machine reviewer has left the review to one (no sound: it escalates). */
  const escalated = (showId: string) => waitFor(`the review of ${showId} escalated`, async () => {
    const { data } = await as.reviewer.GET('/reviews', { params: { query: { status: 'pending' } } });
    const review = (data?.reviews as { showId: string; escalation?: unknown }[] | undefined)?.find((r) => r.showId === showId);
    return review?.escalation === undefined || review.escalation === null ? undefined : review;
  });

  const objectsOf = async (bucket: string, prefix: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).length;
  const listed = async () => ((await anonymous.GET('/shows', { params: { query: { genre: 'test' } } })).data?.items ?? []).map((item) => item.showId);

  const showId = 'ada-night-trains';

  it('drafts, uploads, follows processing to review, is rejected with the reason, re-uploads and is published', async () => {
    const drafted = await as.ada.POST('/shows', { body: { showId, title: 'Night Trains', description: 'Sleeper routes', genre: 'test', language: 'en', premium: false } });
    expect(drafted.response.status).toBe(201);
    await studioStatus(showId, 'drafted');

    await upload(showId, 'first-cut');
    await studioStatus(showId, 'awaitingReview');
    // Polled, so a short stage may pass unseen; what was seen came in the order of a show's life.
    const order = ['drafted', 'awaitingUpload', 'processing', 'awaitingReview'];
    const statuses = seen.get(showId) ?? [];
    expect(statuses.slice(0, 2)).toEqual(['drafted', 'awaitingUpload']);
    expect(statuses.map((status) => order.indexOf(status))).toEqual([...statuses.map((status) => order.indexOf(status))].sort());
    await escalated(showId);
    expect((await as.reviewer.POST('/reviews/{showId}/decision', { params: { path: { showId } }, body: { decision: 'reject', reason: 'the picture is a test pattern', category: 'CONTENT_POLICY' } })).response.status).toBe(200);
    expect(await studioStatus(showId, 'rejected')).toMatchObject({ stage: 'review', problem: { reason: 'CONTENT_POLICY', message: 'the picture is a test pattern' } });

    await upload(showId, 'second-cut');
    await studioStatus(showId, 'awaitingReview');
    expect((await studioShow(showId))?.problem).toBeNull();
    await escalated(showId);
    expect((await as.reviewer.POST('/reviews/{showId}/decision', { params: { path: { showId } }, body: { decision: 'approve' } })).response.status).toBe(200);
    await studioStatus(showId, 'published');
  }, 400_000);

  it('lets the creator edit their show, refuses a stale version in words, and refuses anyone else', async () => {
    const read = await as.ada.GET('/studio/shows/{showId}', { params: { path: { showId } } });
    const etag = read.response.headers.get('etag') ?? '';
    const edited = await as.ada.PUT('/shows/{showId}', { params: { path: { showId }, header: { 'if-match': etag } }, body: { title: 'Night Trains, revised' } });
    expect(edited.response.status).toBe(200);
    const stale = await as.ada.PUT('/shows/{showId}', { params: { path: { showId }, header: { 'if-match': etag } }, body: { title: 'Again' } });
    expect(stale.response.status).toBe(412);
    expect(stale.error).toMatchObject({ error: 'precondition_failed', message: expect.stringContaining('changed since you read it') });
    expect((await as.bob.PUT('/shows/{showId}', { params: { path: { showId } }, body: { title: 'Mine' } })).response.status).toBe(403);
  }, 60_000);

  it('lets its creator choose who sees the published show: listed, by link only, or nobody else', async () => {
    await waitFor('the show listed', async () => ((await listed()).includes(showId) ? true : undefined));
    expect((await as.bob.GET('/shows/{showId}/playback', { params: { path: { showId } } })).response.status).toBe(200);

    expect((await as.ada.PUT('/shows/{showId}', { params: { path: { showId } }, body: { visibility: 'unlisted' } })).response.status).toBe(200);
    await waitFor('the show unlisted', async () => ((await listed()).includes(showId) ? undefined : true));
    expect((await anonymous.GET('/shows/{showId}', { params: { path: { showId } } })).data).toMatchObject({ visibility: 'unlisted' });
    expect((await as.bob.GET('/shows/{showId}/playback', { params: { path: { showId } } })).response.status).toBe(200);

    expect((await as.ada.PUT('/shows/{showId}', { params: { path: { showId } }, body: { visibility: 'private' } })).response.status).toBe(200);
    await waitFor('the show private', async () => ((await anonymous.GET('/shows/{showId}', { params: { path: { showId } } })).response.status === 404 ? true : undefined));
    expect((await as.bob.GET('/studio/shows/{showId}', { params: { path: { showId } } })).response.status).toBe(404);
    expect((await as.bob.GET('/shows/{showId}/playback', { params: { path: { showId } } })).response.status).toBe(404);
    expect((await as.ada.GET('/studio/shows/{showId}', { params: { path: { showId } } })).response.status).toBe(200);
    expect((await as.ada.GET('/shows/{showId}/playback', { params: { path: { showId } } })).response.status).toBe(200);
    expect(await listed()).not.toContain(showId);
  }, 300_000);

  it('deletes a show: it leaves the catalogue, its media leaves both buckets, its events stay', async () => {
    expect(await objectsOf('showrunner-dev-sources', `uploads/${showId}/`)).toBeGreaterThan(0);
    expect(await objectsOf('showrunner-dev-media', `shows/${showId}/`)).toBeGreaterThan(0);
    expect((await as.bob.DELETE('/shows/{showId}', { params: { path: { showId }, query: {} } })).response.status).toBe(404);
    const deleted = await as.ada.DELETE('/shows/{showId}', { params: { path: { showId }, query: {} } });
    expect(deleted.response.status).toBe(200);
    const again = await as.ada.DELETE('/shows/{showId}', { params: { path: { showId }, query: {} } });
    expect(again.data).toEqual(deleted.data);
    await waitFor('the show gone', async () => ((await as.ada.GET('/studio/shows/{showId}', { params: { path: { showId } } })).response.status === 404 ? true : undefined));
    expect((await as.admin.GET('/shows/{showId}', { params: { path: { showId } } })).response.status).toBe(404);
    await waitFor('its media deleted', async () => ((await objectsOf('showrunner-dev-sources', `uploads/${showId}/`)) + (await objectsOf('showrunner-dev-media', `shows/${showId}/`)) === 0 ? true : undefined));
    expect(await studioShow(showId)).toBeUndefined();

    const store = createDynamoDbEventStore({ client: dynamodb, tables: { events: 'showrunner-dev-events', snapshots: 'showrunner-dev-snapshots' } });
    const types = (await store.readStream(showStreamId(showId))).events.map((event) => event.type);
    expect(types[0]).toBe('ShowDrafted');
    expect(types.filter((type) => type === 'ShowDeleted')).toHaveLength(1);
    expect(types).toContain('ShowPublished');
  }, 180_000);
});
