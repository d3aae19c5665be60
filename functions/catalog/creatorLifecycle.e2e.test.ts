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
 * A creator's whole journey through the HTTP API of `npm start`'s stack, with the typed client: upload, follow the
 * status in the studio, be rejected, edit, choose who sees a published show, delete it (its media leaves S3).
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

  const upload = async (name: string, audio: 'tone' | 'none') => {
    const path = join(root, `${name}.mp4`);
    await makeTestClip(path, { seconds: 2, width: 320, height: 240, audio });
    const bytes = readFileSync(path);
    const created = await as.ada.POST('/uploads', { body: { title: name, description: 'Made by ffmpeg', genre: 'test', language: 'en', fileName: `${name}.mp4`, contentType: 'video/mp4', sizeBytes: bytes.length } });
    expect(created.response.status).toBe(201);
    const target = created.data?.upload;
    if (created.data === undefined || target === undefined) throw new Error('no upload target');
    const showId = created.data.showId;
    await studioStatus(showId, 'awaitingUpload');
    expect((await fetch(target.url, { method: 'PUT', headers: target.headers, body: bytes })).status).toBe(200);
    return showId;
  };

  /** A human decides once the machine reviewer has left the review to one (no sound: it escalates). */
  const escalated = (showId: string) => waitFor(`the review of ${showId} escalated`, async () => {
    const { data } = await as.reviewer.GET('/reviews', { params: { query: { status: 'pending' } } });
    const review = (data?.reviews as { showId: string; escalation?: unknown }[] | undefined)?.find((r) => r.showId === showId);
    return review?.escalation === undefined || review.escalation === null ? undefined : review;
  });

  const objectsOf = async (bucket: string, prefix: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).length;
  const listed = async () => ((await anonymous.GET('/shows', { params: { query: { genre: 'test' } } })).data?.items ?? []).map((item) => item.showId);

  let rejectedId = '';
  let publishedId = '';

  it('follows an upload through processing to review, and a rejection with its reason', async () => {
    rejectedId = await upload('rejected-clip', 'none');
    // No sound: the machine reviewer leaves it to a human.
    await studioStatus(rejectedId, 'awaitingReview');
    // Polled, so a short stage may pass unseen; what was seen came in the order of a show's life.
    const order = ['awaitingUpload', 'processing', 'awaitingReview'];
    const statuses = seen.get(rejectedId) ?? [];
    expect(statuses[0]).toBe('awaitingUpload');
    expect(statuses.at(-1)).toBe('awaitingReview');
    expect(statuses.map((status) => order.indexOf(status))).toEqual([...statuses.map((status) => order.indexOf(status))].sort());
    await escalated(rejectedId);
    expect((await as.reviewer.POST('/reviews/{showId}/decision', { params: { path: { showId: rejectedId } }, body: { decision: 'reject', reason: 'the picture is a test pattern', category: 'CONTENT_POLICY' } })).response.status).toBe(200);
    const rejected = await studioStatus(rejectedId, 'rejected');
    expect(rejected).toMatchObject({ stage: 'review', problem: { reason: 'CONTENT_POLICY', message: 'the picture is a test pattern' } });
  }, 300_000);

  it('lets the creator edit their show, refuses a stale version in words, and refuses anyone else', async () => {
    const read = await as.ada.GET('/studio/shows/{showId}', { params: { path: { showId: rejectedId } } });
    const etag = read.response.headers.get('etag') ?? '';
    const edited = await as.ada.PUT('/shows/{showId}', { params: { path: { showId: rejectedId }, header: { 'if-match': etag } }, body: { title: 'Rejected, renamed' } });
    expect(edited.response.status).toBe(200);
    const stale = await as.ada.PUT('/shows/{showId}', { params: { path: { showId: rejectedId }, header: { 'if-match': etag } }, body: { title: 'Again' } });
    expect(stale.response.status).toBe(412);
    expect(stale.error).toMatchObject({ error: 'precondition_failed', message: expect.stringContaining('changed since you read it') });
    expect((await as.bob.PUT('/shows/{showId}', { params: { path: { showId: rejectedId } }, body: { title: 'Mine' } })).response.status).toBe(403);
  }, 60_000);

  it('publishes a show and lets its creator choose who sees it: listed, by link only, or nobody else', async () => {
    publishedId = await upload('published-clip', 'none');
    await studioStatus(publishedId, 'awaitingReview');
    await escalated(publishedId);
    expect((await as.reviewer.POST('/reviews/{showId}/decision', { params: { path: { showId: publishedId } }, body: { decision: 'approve' } })).response.status).toBe(200);
    await studioStatus(publishedId, 'published');
    await waitFor('the show listed', async () => ((await listed()).includes(publishedId) ? true : undefined));
    expect((await as.bob.GET('/shows/{showId}/playback', { params: { path: { showId: publishedId } } })).response.status).toBe(200);

    expect((await as.ada.PUT('/shows/{showId}', { params: { path: { showId: publishedId } }, body: { visibility: 'unlisted' } })).response.status).toBe(200);
    await waitFor('the show unlisted', async () => ((await listed()).includes(publishedId) ? undefined : true));
    expect((await anonymous.GET('/shows/{showId}', { params: { path: { showId: publishedId } } })).data).toMatchObject({ visibility: 'unlisted' });
    expect((await as.bob.GET('/shows/{showId}/playback', { params: { path: { showId: publishedId } } })).response.status).toBe(200);

    expect((await as.ada.PUT('/shows/{showId}', { params: { path: { showId: publishedId } }, body: { visibility: 'private' } })).response.status).toBe(200);
    await waitFor('the show private', async () => ((await anonymous.GET('/shows/{showId}', { params: { path: { showId: publishedId } } })).response.status === 404 ? true : undefined));
    expect((await as.bob.GET('/studio/shows/{showId}', { params: { path: { showId: publishedId } } })).response.status).toBe(404);
    expect((await as.bob.GET('/shows/{showId}/playback', { params: { path: { showId: publishedId } } })).response.status).toBe(404);
    expect((await as.ada.GET('/studio/shows/{showId}', { params: { path: { showId: publishedId } } })).response.status).toBe(200);
    expect((await as.ada.GET('/shows/{showId}/playback', { params: { path: { showId: publishedId } } })).response.status).toBe(200);
    expect(await listed()).not.toContain(publishedId);
  }, 300_000);

  it('deletes a show: it leaves the catalogue, its media leaves both buckets, its events stay', async () => {
    expect(await objectsOf('showrunner-dev-sources', `uploads/${publishedId}/`)).toBeGreaterThan(0);
    expect(await objectsOf('showrunner-dev-media', `shows/${publishedId}/`)).toBeGreaterThan(0);
    expect((await as.bob.DELETE('/shows/{showId}', { params: { path: { showId: publishedId }, query: {} } })).response.status).toBe(404);
    const deleted = await as.ada.DELETE('/shows/{showId}', { params: { path: { showId: publishedId }, query: {} } });
    expect(deleted.response.status).toBe(200);
    const again = await as.ada.DELETE('/shows/{showId}', { params: { path: { showId: publishedId }, query: {} } });
    expect(again.data).toEqual(deleted.data);
    await waitFor('the show gone', async () => ((await as.ada.GET('/studio/shows/{showId}', { params: { path: { showId: publishedId } } })).response.status === 404 ? true : undefined));
    expect((await as.admin.GET('/shows/{showId}', { params: { path: { showId: publishedId } } })).response.status).toBe(404);
    await waitFor('its media deleted', async () => ((await objectsOf('showrunner-dev-sources', `uploads/${publishedId}/`)) + (await objectsOf('showrunner-dev-media', `shows/${publishedId}/`)) === 0 ? true : undefined));
    expect(await studioShow(publishedId)).toBeUndefined();
    expect(await studioShow(rejectedId)).toMatchObject({ status: 'rejected', visibility: 'public' });

    const store = createDynamoDbEventStore({ client: dynamodb, tables: { events: 'showrunner-dev-events', snapshots: 'showrunner-dev-snapshots' } });
    const types = (await store.readStream(showStreamId(publishedId))).events.map((event) => event.type);
    expect(types[0]).toBe('ShowDrafted');
    expect(types.filter((type) => type === 'ShowDeleted')).toHaveLength(1);
    expect(types).toContain('ShowPublished');
  }, 180_000);
});
