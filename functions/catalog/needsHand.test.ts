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
import { needsHandApi } from './needsHand';

let fixture: StoreFixture;
let db: DynamoDBDocumentClient;
let catalog: ReturnType<typeof catalogApi>;
let needsHand: ReturnType<typeof needsHandApi>;
const names = { catalog: `catalog-${randomUUID().slice(0, 8)}`, engagement: `engagement-${randomUUID().slice(0, 8)}` };
const admin = { sub: 'admin-1', groups: '[admin]' };
const operator = { sub: 'operator-1', groups: '[operator]' };
const shows = ['h-processing', 'h-rejected', 'h-failed', 'h-published'];
const check = documentedAnswers();

const projectAll = async () => {
  const streams = await Promise.all(shows.map((id) => fixture.store.readStream(`show#${id}`)));
  await projectCatalogBatch({ db, catalogTable: names.catalog, store: fixture.store }, streams.flatMap((s) => s.events));
};
const show = (showId: string, day: number, steps: number, extra: ShowCommand[] = []) =>
  [...publishCommands({ showId, creatorId: 'creator-ada', now: `2026-03-0${day}T00:00:00.000Z` }).slice(0, steps), ...extra.map((command) => ({ ...command, showId, now: `2026-03-0${day}T00:00:00.000Z` }))];
const list = async (user: { sub: string; groups: string }, query: Record<string, string> = {}) => {
  const answer = await request(needsHand.listShowsNeedingHand, { user, query });
  const problem = check({ routeKey: 'GET /operations/shows-needing-a-hand', status: answer.status, contentType: 'application/json', body: Buffer.from(JSON.stringify(answer.body)) });
  if (problem !== undefined) throw new Error(problem);
  return answer;
};
const ids = (page: { body?: Record<string, unknown> }) => (page.body?.items as { showId: string }[]).map((s) => s.showId);

beforeAll(async () => {
  fixture = await createStoreFixture();
  db = DynamoDBDocumentClient.from(fixture.client);
  await createCatalogTables(fixture.client, names);
  const deps = { db, tables: names, store: fixture.store, generation: async () => 1 };
  catalog = catalogApi(deps);
  needsHand = needsHandApi(deps);
  await runShowCommands(fixture.store, show('h-processing', 1, 6));
  await runShowCommands(fixture.store, show('h-rejected', 2, 8, [f.rejectShow]));
  await runShowCommands(fixture.store, show('h-failed', 3, 6, [f.recordTranscodeFailure()]));
  await runShowCommands(fixture.store, show('h-published', 4, 10));
  await projectAll();
});

afterAll(async () => {
  await Promise.all([names.catalog, names.engagement].map((TableName) => fixture.client.send(new DeleteTableCommand({ TableName }))));
  await fixture.dispose();
});

describe('shows that need a hand (GET /operations/shows-needing-a-hand)', () => {
  it('lists failed and rejected shows, most recently changed first, with where they stopped and why', async () => {
    const page = await list(admin);
    expect(ids(page)).toEqual(['h-failed', 'h-rejected']);
    expect((page.body?.items as unknown[])[0]).toMatchObject({ status: 'failed', stage: 'transcode', problem: { reason: 'JOB_FAILED' }, creatorId: 'creator-ada' });
    expect((await list(operator)).status).toBe(200);
    expect((await request(needsHand.listShowsNeedingHand, { user: { sub: 'v', groups: '' } })).status).toBe(403);
  });

  it('pages with a cursor of its own list only', async () => {
    const first = await list(admin, { limit: '1' });
    expect(ids(first)).toEqual(['h-failed']);
    expect(ids(await list(admin, { limit: '1', cursor: String(first.body?.nextCursor) }))).toEqual(['h-rejected']);
    expect((await list(admin, { cursor: 'not-a-cursor' })).status).toBe(400);
  });

  it('lets go of a show once it is deleted', async () => {
    expect((await request(catalog.deleteShow, { path: { showId: 'h-failed' }, query: {}, user: admin })).status).toBe(200);
    await projectAll();
    expect(ids(await list(admin))).toEqual(['h-rejected']);
  });
});
