import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createStoreFixture, type StoreFixture } from '../../adapters/eventstore/testing/storeFixture';
import { createCatalogTables, projectCatalogBatch } from '../../adapters/projections';
import { publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import { documentedAnswers } from '../../test/documentedAnswers';
import { callHttp as request } from '../http/testing/request';
import { catalogApi } from './api';

let fixture: StoreFixture;
let api: ReturnType<typeof catalogApi>;
let db: DynamoDBDocumentClient;
const names = { catalog: `catalog-${randomUUID().slice(0, 8)}`, engagement: `engagement-${randomUUID().slice(0, 8)}` };

const check = documentedAnswers();
/** Every answer checked against what GET /api-docs documents for its route and status. */
const conforms = (routeKey: string, answer: { status: number; body: unknown }) => {
  const problem = check({ routeKey, status: answer.status, contentType: 'application/json', body: Buffer.from(JSON.stringify(answer.body)) });
  if (problem !== undefined) throw new Error(problem);
};

const admin = { sub: 'admin-1', groups: '[admin]' };
const creator = { sub: 'creator-7', groups: '[creator]' };
const viewer = { sub: 'viewer-1', groups: '' };

const projectAll = async () => {
  const streams = await Promise.all(['a1', 'a2', 'a3', 'draft-1'].map((id) => fixture.store.readStream(`show#${id}`)));
  await projectCatalogBatch({ db, catalogTable: names.catalog, store: fixture.store }, streams.flatMap((s) => s.events));
};

beforeAll(async () => {
  fixture = await createStoreFixture();
  db = DynamoDBDocumentClient.from(fixture.client);
  await createCatalogTables(fixture.client, names);
  api = catalogApi({ db, tables: names, store: fixture.store, generation: async () => 1 });
  await runShowCommands(fixture.store, publishCommands({ showId: 'a1', genre: 'drama', title: 'Harbour Lights', now: '2026-03-01T00:00:00.000Z' }));
  await runShowCommands(fixture.store, publishCommands({ showId: 'a2', genre: 'comedy', now: '2026-03-02T00:00:00.000Z' }));
  await runShowCommands(fixture.store, publishCommands({ showId: 'a3', genre: 'drama', language: 'fr', now: '2026-03-03T00:00:00.000Z' }));
  const drafted = await request(api.createShow, { user: creator, body: { showId: 'draft-1', title: 'Work in progress', description: 'Not yet', genre: 'drama', language: 'en' } });
  expect(drafted.status).toBe(201);
  conforms('POST /shows', drafted);
  await projectAll();
});

afterAll(async () => {
  await Promise.all([names.catalog, names.engagement].map((TableName) => fixture.client.send(new DeleteTableCommand({ TableName }))));
  await fixture.dispose();
});

describe('the catalogue API', () => {
  it('lists published shows newest first, filtered and searched, as the OpenAPI document says', async () => {
    const all = await request(api.listShows);
    expect(all.status).toBe(200);
    conforms('GET /shows', all);
    expect((all.body?.items as { showId: string }[]).map((s) => s.showId)).toEqual(['a3', 'a2', 'a1']);
    const drama = await request(api.listShows, { query: { genre: 'drama', limit: '1' } });
    expect((drama.body?.items as { showId: string }[]).map((s) => s.showId)).toEqual(['a3']);
    const next = await request(api.listShows, { query: { genre: 'drama', limit: '1', cursor: String(drama.body?.nextCursor) } });
    expect(next.body).toMatchObject({ items: [{ showId: 'a1' }], nextCursor: null });
    const searched = await request(api.listShows, { query: { q: 'harbour' } });
    expect((searched.body?.items as { showId: string }[]).map((s) => s.showId)).toEqual(['a1']);
    const tooMany = await request(api.listShows, { query: { limit: '101' } });
    expect(tooMany.status).toBe(400);
    conforms('GET /shows', tooMany);
  });

  it('serves a show with ETag and Cache-Control, and 304 to a client that holds it', async () => {
    const first = await request(api.getShow, { path: { showId: 'a1' } });
    expect(first.status).toBe(200);
    conforms('GET /shows/{showId}', first);
    expect(first.body).toMatchObject({ showId: 'a1', status: 'published', visibility: 'public', likeCount: 0, averageRating: null, version: 10 });
    expect(first.headers['cache-control']).toContain('public');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"v10\./);
    const again = await request(api.getShow, { path: { showId: 'a1' }, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('shows a private show to its creator and admins only, never from a shared cache', async () => {
    expect((await request(api.getShow, { path: { showId: 'draft-1' } })).status).toBe(404);
    expect((await request(api.getShow, { path: { showId: 'draft-1' }, user: viewer })).status).toBe(404);
    const own = await request(api.getShow, { path: { showId: 'draft-1' }, user: creator });
    expect(own.status).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
    expect((await request(api.getShow, { path: { showId: 'draft-1' }, user: admin })).status).toBe(200);
  });

  it('updates metadata with If-Match, and answers 412 to a stale version', async () => {
    const current = await request(api.getShow, { path: { showId: 'a2' } });
    const etag = String(current.headers.etag);
    expect((await request(api.updateShow, { path: { showId: 'a2' }, user: creator, body: { title: 'Nope' } })).status).toBe(403);
    const updated = await request(api.updateShow, { path: { showId: 'a2' }, user: admin, body: { title: 'New title' }, headers: { 'if-match': etag } });
    expect(updated.status).toBe(200);
    conforms('PUT /shows/{showId}', updated);
    const stale = await request(api.updateShow, { path: { showId: 'a2' }, user: admin, body: { title: 'Newer title' }, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    conforms('PUT /shows/{showId}', stale);
  });

  it('deletes a show for an admin: it leaves the listing, answers 404, its events stay with the deletion among them', async () => {
    const deleted = await request(api.deleteShow, { path: { showId: 'a3' }, user: admin, query: { reason: 'RIGHTS' } });
    expect(deleted.status).toBe(200);
    conforms('DELETE /shows/{showId}', deleted);
    await projectAll();
    const all = await request(api.listShows);
    expect((all.body?.items as { showId: string }[]).map((s) => s.showId)).toEqual(['a2', 'a1']);
    expect((await request(api.getShow, { path: { showId: 'a3' } })).status).toBe(404);
    expect((await request(api.getShow, { path: { showId: 'a3' }, user: admin })).status).toBe(404);
    expect((await fixture.store.readStream('show#a3')).events.at(-1)?.data).toEqual({ showId: 'a3', reason: 'RIGHTS' });
  });

  it('counts likes once per user and keeps ratings one per user, changeable', async () => {
    const like = () => request(api.likeShow, { path: { showId: 'a1' }, user: viewer });
    const [first, second] = [await like(), await like()];
    expect([first.status, second.status]).toEqual([201, 200]);
    conforms('POST /shows/{showId}/likes', first);
    expect((await request(api.likeShow, { path: { showId: 'a1' } })).status).toBe(401);
    await request(api.rateShow, { path: { showId: 'a1' }, user: viewer, body: { stars: 2 } });
    const rated = await request(api.rateShow, { path: { showId: 'a1' }, user: admin, body: { stars: 5 } });
    conforms('POST /shows/{showId}/ratings', rated);
    await request(api.rateShow, { path: { showId: 'a1' }, user: viewer, body: { stars: 4 } });
    expect((await request(api.rateShow, { path: { showId: 'a1' }, user: viewer, body: { stars: 6 } })).status).toBe(400);
    const show = await request(api.getShow, { path: { showId: 'a1' } });
    conforms('GET /shows/{showId}', show);
    expect(show.body).toMatchObject({ likeCount: 1, ratingCount: 2, averageRating: 4.5 });
  });
});
