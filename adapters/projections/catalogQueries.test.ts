import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CatalogEntry } from '../../domain/catalog';
import { averageRating } from '../../domain/catalog';
import { toCatalogItem } from './catalogItem';
import { getShowWithTotals, listPublishedShows, type ListShowsQuery } from './catalogQueries';
import { createCatalogTables } from './catalogTables';
import { likeShow, rateShow } from './engagement';

const client = new DynamoDBClient({});
const db = DynamoDBDocumentClient.from(client);
const tables = { catalog: `catalog-${randomUUID().slice(0, 8)}`, engagement: `engagement-${randomUUID().slice(0, 8)}` };
const genres = ['drama', 'comedy', 'news'];
const languages = ['en', 'fr'];

const entry = (i: number): CatalogEntry => ({
  showId: `show-${String(i).padStart(3, '0')}`,
  creatorId: 'creator-1',
  title: i % 10 === 0 ? `Sea Stories ${i}` : `Show ${i}`,
  description: i % 7 === 0 ? 'Ocean voyages and harbour towns' : 'Something else',
  genre: genres[i % 3] as string,
  language: languages[i % 2] as string,
  status: i % 11 === 0 ? 'drafted' : i % 13 === 0 ? 'withdrawn' : 'published',
  // Unlisted shows are published but never listed.
  visibility: i % 17 === 0 ? 'unlisted' : 'public',
  stage: null,
  problem: null,
  transcodeId: null,
  premium: false,
  playback: [],
  thumbnailUrls: [],
  captions: [],
  draftedAt: '2026-01-01T00:00:00.000Z',
  // Several shows share a publication time: the show id breaks ties.
  publishedAt: i % 11 === 0 ? null : `2026-02-${String(1 + (i % 20)).padStart(2, '0')}T00:00:00.000Z`,
  updatedAt: '2026-02-01T00:00:00.000Z',
  version: 10,
});
const entries = Array.from({ length: 130 }, (_, i) => entry(i + 1));
const published = entries.filter((e) => e.status === 'published' && e.visibility === 'public');

const everyPage = async (query: Omit<ListShowsQuery, 'cursor'>) => {
  const seen: CatalogEntry[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listPublishedShows(db, tables.catalog, 1, { ...query, ...(cursor === undefined ? {} : { cursor }) });
    seen.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor !== undefined && pages < 100);
  return { seen, pages };
};

const ids = (list: readonly CatalogEntry[]) => list.map((e) => e.showId);
const newestFirst = (list: readonly CatalogEntry[]) => [...list].sort((a, b) => `${b.publishedAt}#${b.showId}`.localeCompare(`${a.publishedAt}#${a.showId}`));

beforeAll(async () => {
  await createCatalogTables(client, tables);
  for (const e of entries) await db.send(new PutCommand({ TableName: tables.catalog, Item: toCatalogItem(1, e) }));
});

afterAll(async () => {
  await Promise.all([tables.catalog, tables.engagement].map((TableName) => client.send(new DeleteTableCommand({ TableName }))));
  client.destroy();
});

describe('catalogue queries', () => {
  it.each([7, 10, 100])('pagination returns every published show exactly once, newest first (limit %i)', async (limit) => {
    const { seen, pages } = await everyPage({ limit });
    expect(ids(seen)).toEqual(ids(newestFirst(published)));
    expect(pages).toBe(Math.ceil(published.length / limit));
  });

  it('filters by genre, language and both, each with one Query per page', async () => {
    for (const query of [{ genre: 'Drama' }, { language: 'fr' }, { genre: 'news', language: 'en' }]) {
      const { seen } = await everyPage({ ...query, limit: 9 });
      const expected = published.filter((e) => (query.genre === undefined || e.genre === query.genre.toLowerCase()) && (!('language' in query) || e.language === query.language));
      expect(ids(seen)).toEqual(ids(newestFirst(expected)));
    }
    const page = await listPublishedShows(db, tables.catalog, 1, { genre: 'comedy', limit: 5 });
    expect(page.requests).toBe(1);
  });

  it('searches title and description words, paging through every match once', async () => {
    const { seen } = await everyPage({ q: 'sea', limit: 3 });
    expect(ids(seen)).toEqual(ids(newestFirst(published.filter((e) => e.title.startsWith('Sea')))));
    const { seen: both } = await everyPage({ q: 'ocean HARBOUR', limit: 4 });
    expect(ids(both)).toEqual(ids(newestFirst(published.filter((e) => e.description.startsWith('Ocean')))));
  });

  it('refuses a cursor made for another listing', async () => {
    const page = await listPublishedShows(db, tables.catalog, 1, { genre: 'drama', limit: 2 });
    await expect(listPublishedShows(db, tables.catalog, 1, { genre: 'news', limit: 2, cursor: page.nextCursor ?? '' })).rejects.toThrow('cursor');
  });
});

describe('engagement', () => {
  it('counts a user\'s like once however often it is sent, concurrently or not', async () => {
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => likeShow(db, tables.engagement, 'show-001', 'ann', '2026-03-01T00:00:00Z')));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    await Promise.all(['bob', 'cy'].map((user) => likeShow(db, tables.engagement, 'show-001', user, '2026-03-01T00:00:00Z')));
    expect((await getShowWithTotals(db, tables, 1, 'show-001'))?.totals.likeCount).toBe(3);
  });

  it('keeps the average exact under concurrent ratings and changes of mind', async () => {
    const users = Array.from({ length: 20 }, (_, i) => `user-${i}`);
    await Promise.all(users.map((user, i) => rateShow(db, tables.engagement, 'show-002', user, 1 + (i % 5), 'now')));
    // Everyone changes their mind to 5 at once, some twice.
    await Promise.all([...users, ...users.slice(0, 5)].map((user) => rateShow(db, tables.engagement, 'show-002', user, 5, 'later')));
    const found = await getShowWithTotals(db, tables, 1, 'show-002');
    expect(found?.totals).toEqual({ likeCount: 0, ratingSum: 100, ratingCount: 20 });
    expect(found === undefined ? null : averageRating(found.totals)).toBe(5);
  });
});
