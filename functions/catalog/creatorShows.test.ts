import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createStoreFixture, type StoreFixture } from '../../adapters/eventstore/testing/storeFixture';
import { createCatalogTables, projectCatalogBatch } from '../../adapters/projections';
import { publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import type { ShowCommand } from '../../domain/show';
import * as f from '../../domain/show/fixtures';
import { documentedAnswers } from '../../test/documentedAnswers';
import { callHttp as request } from '../http/testing/request';
import { catalogApi } from './api';

let fixture: StoreFixture;
let api: ReturnType<typeof catalogApi>;
let db: DynamoDBDocumentClient;
const names = { catalog: `catalog-${randomUUID().slice(0, 8)}`, engagement: `engagement-${randomUUID().slice(0, 8)}` };
const progressAsked: string[] = [];

const check = documentedAnswers();
const conforms = (routeKey: string, answer: { status: number; body: unknown }) => {
  const problem = check({ routeKey, status: answer.status, contentType: 'application/json', body: Buffer.from(JSON.stringify(answer.body)) });
  if (problem !== undefined) throw new Error(problem);
};

const admin = { sub: 'admin-1', groups: '[admin]' };
const ada = { sub: 'creator-ada', groups: '[creator]' };
const bob = { sub: 'creator-bob', groups: '[creator]' };
const viewer = { sub: 'viewer-1', groups: '' };

const shows = ['c-draft', 'c-transcoding', 'c-rejected', 'c-published', 'c-premium', 'b-published'];
const projectAll = async () => {
  const streams = await Promise.all(shows.map((id) => fixture.store.readStream(`show#${id}`)));
  await projectCatalogBatch({ db, catalogTable: names.catalog, store: fixture.store }, streams.flatMap((s) => s.events));
};

/** Ada's show taken `steps` commands along the publish path, drafted at `day`. */
const adaShow = (showId: string, day: number, steps: number, extra: ShowCommand[] = []) =>
  [...publishCommands({ showId, creatorId: ada.sub, now: `2026-03-0${day}T00:00:00.000Z` }).slice(0, steps), ...extra.map((command) => ({ ...command, showId }))];
const ids = (page: { body?: Record<string, unknown> }) => (page.body?.items as { showId: string }[]).map((s) => s.showId);

beforeAll(async () => {
  fixture = await createStoreFixture();
  db = DynamoDBDocumentClient.from(fixture.client);
  await createCatalogTables(fixture.client, names);
  api = catalogApi({
    db, tables: names, store: fixture.store, generation: async () => 1,
    transcodeProgress: async (transcodeId) => {
      progressAsked.push(transcodeId);
      return 42;
    },
  });
  await runShowCommands(fixture.store, adaShow('c-draft', 1, 1));
  await runShowCommands(fixture.store, adaShow('c-transcoding', 2, 6));
  await runShowCommands(fixture.store, adaShow('c-rejected', 3, 8, [f.rejectShow]));
  await runShowCommands(fixture.store, adaShow('c-published', 4, 10));
  await runShowCommands(fixture.store, [{ ...adaShow('c-premium', 5, 1)[0], premium: true } as ShowCommand, ...adaShow('c-premium', 5, 10).slice(1)]);
  await runShowCommands(fixture.store, publishCommands({ showId: 'b-published', creatorId: bob.sub, now: '2026-03-06T00:00:00.000Z' }));
  await projectAll();
});

afterAll(async () => {
  await Promise.all([names.catalog, names.engagement].map((TableName) => fixture.client.send(new DeleteTableCommand({ TableName }))));
  await fixture.dispose();
});

describe('a creator\'s own shows (GET /studio/shows)', () => {
  it('lists the caller\'s shows newest draft first, each with its status, stage, reason and transcode progress', async () => {
    const page = await request(api.listStudioShows, { user: ada });
    expect(page.status).toBe(200);
    conforms('GET /studio/shows', page);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body?.items).toEqual([
      expect.objectContaining({ showId: 'c-premium', status: 'published', premium: true }),
      expect.objectContaining({ showId: 'c-published', status: 'published', visibility: 'public', stage: null, progress: null }),
      expect.objectContaining({ showId: 'c-rejected', status: 'rejected', stage: 'review', problem: { reason: 'AUDIO_QUALITY', message: 'Audio drifts out of sync after 40 minutes' } }),
      expect.objectContaining({ showId: 'c-transcoding', status: 'processing', stage: 'transcode', progress: { stage: 'transcode', percent: 42 } }),
      expect.objectContaining({ showId: 'c-draft', status: 'drafted', stage: null, problem: null }),
    ]);
    expect(progressAsked).toEqual(['transcode-1']);
    expect(ids(await request(api.listStudioShows, { user: bob }))).toEqual(['b-published']);
  });

  it('pages with a cursor that only pages the list it came from', async () => {
    const first = await request(api.listStudioShows, { user: ada, query: { limit: '2' } });
    expect(ids(first)).toEqual(['c-premium', 'c-published']);
    const cursor = String(first.body?.nextCursor);
    const second = await request(api.listStudioShows, { user: ada, query: { limit: '2', cursor } });
    expect(ids(second)).toEqual(['c-rejected', 'c-transcoding']);
    const last = await request(api.listStudioShows, { user: ada, query: { limit: '2', cursor: String(second.body?.nextCursor) } });
    expect(last.body).toMatchObject({ items: [{ showId: 'c-draft' }], nextCursor: null });
    const stolen = await request(api.listStudioShows, { user: bob, query: { cursor } });
    expect(stolen).toMatchObject({ status: 400, body: { error: 'invalid_cursor' } });
    conforms('GET /studio/shows', stolen);
    expect((await request(api.listStudioShows)).status).toBe(401);
  });
});

describe('a creator edits their own shows (PUT /shows/{showId})', () => {
  it('lets the creator and admins change a show, hides an unpublished one from others, refuses others a visible one', async () => {
    const own = await request(api.updateShow, { path: { showId: 'c-draft' }, user: ada, body: { title: 'Working title' } });
    expect(own.status).toBe(200);
    conforms('PUT /shows/{showId}', own);
    expect((await request(api.updateShow, { path: { showId: 'c-draft' }, user: admin, body: { genre: 'travel' } })).status).toBe(200);
    const hidden = await request(api.updateShow, { path: { showId: 'c-draft' }, user: bob, body: { title: 'Mine now' } });
    expect(hidden.status).toBe(404);
    const notYours = await request(api.updateShow, { path: { showId: 'b-published' }, user: ada, body: { title: 'Mine now' } });
    expect(notYours).toMatchObject({ status: 403, body: { error: 'not_your_show' } });
    conforms('PUT /shows/{showId}', notYours);
  });

  it('answers a stale If-Match with 412 in words a person can act on, and changes nothing', async () => {
    const answer = await request(api.updateShow, { path: { showId: 'c-rejected' }, user: ada, body: { title: 'Again' }, headers: { 'if-match': '"v3"' } });
    expect(answer).toMatchObject({ status: 412, body: { error: 'precondition_failed', message: expect.stringContaining('changed since you read it') } });
    expect(String(answer.body?.message)).toContain('GET it again');
    conforms('PUT /shows/{showId}', answer);
    const current = (await fixture.store.readStream('show#c-rejected')).events.length;
    expect((await request(api.updateShow, { path: { showId: 'c-rejected' }, user: ada, body: { title: 'Again' }, headers: { 'if-match': `"v${current}"` } })).status).toBe(200);
  });
});

describe('visibility', () => {
  it('lists a public show, serves an unlisted one by link only, and a private one to its creator and admins only', async () => {
    const listed = async () => ids(await request(api.listShows));
    expect(await listed()).toContain('c-published');
    await request(api.updateShow, { path: { showId: 'c-published' }, user: ada, body: { visibility: 'unlisted' } });
    await projectAll();
    expect(await listed()).not.toContain('c-published');
    const byLink = await request(api.getShow, { path: { showId: 'c-published' } });
    expect(byLink).toMatchObject({ status: 200, body: { visibility: 'unlisted' } });
    expect(byLink.headers['cache-control']).toBe('private, no-store');
    await request(api.updateShow, { path: { showId: 'c-published' }, user: ada, body: { visibility: 'private' } });
    await projectAll();
    expect((await request(api.getShow, { path: { showId: 'c-published' } })).status).toBe(404);
    expect((await request(api.getShow, { path: { showId: 'c-published' }, user: viewer })).status).toBe(404);
    expect((await request(api.likeShow, { path: { showId: 'c-published' }, user: viewer })).status).toBe(404);
    expect((await request(api.getShow, { path: { showId: 'c-published' }, user: ada })).status).toBe(200);
    expect((await request(api.getShow, { path: { showId: 'c-published' }, user: admin })).status).toBe(200);
    await request(api.updateShow, { path: { showId: 'c-published' }, user: ada, body: { visibility: 'public' } });
    await projectAll();
    expect(await listed()).toContain('c-published');
  });

  it('never hands out a premium show\'s media URL in the catalogue', async () => {
    const premium = await request(api.getShow, { path: { showId: 'c-premium' } });
    expect(premium.body).toMatchObject({ premium: true, playback: [] });
    const free = await request(api.getShow, { path: { showId: 'b-published' } });
    expect((free.body?.playback as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('deletion (DELETE /shows/{showId})', () => {
  it('refuses anyone but the creator and admins', async () => {
    expect((await request(api.deleteShow, { path: { showId: 'b-published' }, user: ada })).status).toBe(403);
    expect((await request(api.deleteShow, { path: { showId: 'c-draft' }, user: bob })).status).toBe(404);
    expect((await request(api.deleteShow, { path: { showId: 'no-such-show' }, user: admin })).status).toBe(404);
  });

  it('takes the show out of the catalogue and the creator\'s list, keeps its events, and answers a repeat the same', async () => {
    const first = await request(api.deleteShow, { path: { showId: 'c-rejected' }, user: ada });
    expect(first.status).toBe(200);
    conforms('DELETE /shows/{showId}', first);
    const again = await request(api.deleteShow, { path: { showId: 'c-rejected' }, user: ada });
    expect(again).toMatchObject({ status: 200, body: first.body });
    const events = (await fixture.store.readStream('show#c-rejected')).events;
    expect(events.map((e) => e.type).filter((type) => type === 'ShowDeleted')).toHaveLength(1);
    expect(events[0]?.type).toBe('ShowDrafted');
    await projectAll();
    expect((await request(api.getShow, { path: { showId: 'c-rejected' }, user: ada })).status).toBe(404);
    expect((await request(api.getShow, { path: { showId: 'c-rejected' }, user: admin })).status).toBe(404);
    expect(ids(await request(api.listStudioShows, { user: ada }))).not.toContain('c-rejected');
    expect((await request(api.updateShow, { path: { showId: 'c-rejected' }, user: ada, body: { title: 'Back' } })).status).toBe(404);
    expect((await request(api.deleteShow, { path: { showId: 'c-rejected' }, user: bob })).status).toBe(404);
  });
});
