import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventEnvelope } from '../../events/envelope';
import { createStoreFixture, type StoreFixture } from '../eventstore/testing/storeFixture';
import { applyShowEvents, EntryCache } from './catalogFold';
import { projectCatalogBatch } from './catalogProjector';
import { readGenerations } from './generations';
import { rebuildCatalog } from './rebuildCatalog';
import { catalogEntriesOf, newCatalogTable as newTestCatalogTable } from './testing/catalogTestTables';
import { draftOnly, publishCommands, runShowCommands } from './testing/showLifecycle';

let fixture: StoreFixture;
let db: DynamoDBDocumentClient;
const tables: string[] = [];
const showIds = ['alpha', 'bravo', 'charlie', 'delta'];
let history: EventEnvelope[] = [];

const newCatalogTable = () => newTestCatalogTable(fixture.client, tables);
const entriesOf = (table: string, generation: number) => catalogEntriesOf(db, table, generation, showIds);

/** A seeded shuffle, so a failure can be replayed. */
const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

const inBatches = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

beforeAll(async () => {
  fixture = await createStoreFixture();
  db = DynamoDBDocumentClient.from(fixture.client, { marshallOptions: { removeUndefinedValues: true } });
  await runShowCommands(fixture.store, publishCommands({ showId: 'alpha', genre: 'Drama', now: '2026-03-01T10:00:00.000Z' }));
  await runShowCommands(fixture.store, publishCommands({ showId: 'bravo', language: 'pt-BR', now: '2026-03-02T10:00:00.000Z' }));
  await runShowCommands(fixture.store, [
    ...publishCommands({ showId: 'charlie', now: '2026-03-03T10:00:00.000Z' }),
    { type: 'UpdateShowMetadata', showId: 'charlie', now: '2026-03-04T10:00:00.000Z', actor: { id: 'admin', kind: 'user' }, title: 'Charlie, revised' },
    { type: 'WithdrawShow', showId: 'charlie', now: '2026-03-05T10:00:00.000Z', actor: { id: 'admin', kind: 'user' }, reason: 'RIGHTS' },
  ]);
  await runShowCommands(fixture.store, draftOnly({ showId: 'delta', creatorId: 'creator-9' }));
  const streams = await Promise.all(showIds.map((id) => fixture.store.readStream(`show#${id}`)));
  history = streams.flatMap((s) => s.events);
});

afterAll(async () => {
  await Promise.all(tables.map((TableName) => fixture.client.send(new DeleteTableCommand({ TableName }))));
  await fixture.dispose();
});

describe('the catalogue projection behind its version gate', () => {
  it('projects the Show decider\'s events: published, withdrawn, metadata changes and private drafts', async () => {
    const table = await newCatalogTable();
    await projectCatalogBatch({ db, catalogTable: table, store: fixture.store }, history);
    const [alpha, bravo, charlie, delta] = await entriesOf(table, 1);
    expect(alpha).toMatchObject({ showId: 'alpha', genre: 'Drama', status: 'published', visibility: 'public', publishedAt: '2026-03-01T10:00:00.000Z', version: 10 });
    expect(alpha?.playback.map((p) => p.format)).toEqual(['hls', 'dash']);
    expect(bravo).toMatchObject({ language: 'pt-BR', status: 'published' });
    expect(charlie).toMatchObject({ title: 'Charlie, revised', status: 'withdrawn', version: 12 });
    expect(delta).toMatchObject({ status: 'drafted', visibility: 'public', creatorId: 'creator-9', version: 1 });
  });

  it('ends equal to in-order projection when fed duplicates in shuffled order and random batches', async () => {
    const inOrder = await newCatalogTable();
    for (const batch of inBatches(history, 7)) await projectCatalogBatch({ db, catalogTable: inOrder, store: fixture.store }, batch);
    const expected = await entriesOf(inOrder, 1);

    for (const seed of [1, 2, 3]) {
      const chaotic = await newCatalogTable();
      const readsOfStore: string[] = [];
      const store = { readStream: (id: string, options?: { fromVersion?: number }) => (readsOfStore.push(id), fixture.store.readStream(id, options)) };
      const noisy = shuffled([...history, ...history.filter((_, i) => i % 3 === seed % 3)], seed);
      const outcomes = [];
      for (const batch of inBatches(noisy, 5)) outcomes.push(...(await projectCatalogBatch({ db, catalogTable: chaotic, store }, batch)).outcomes);
      expect(await entriesOf(chaotic, 1)).toEqual(expected);
      // The gate acknowledged duplicates without writing, and gaps were filled from the store.
      expect(outcomes.some((o) => o.kind === 'duplicate')).toBe(true);
      expect(readsOfStore.length).toBeGreaterThan(0);
    }
  });

  it('acknowledges an event it has already applied without writing', async () => {
    const table = await newCatalogTable();
    const alphaEvents = history.filter((e) => e.streamId === 'show#alpha');
    const deps = { db, catalogTable: table, store: fixture.store };
    expect(await applyShowEvents(deps, 1, 'show#alpha', alphaEvents.slice(0, 3))).toEqual({ kind: 'applied', version: 3, repaired: false });
    expect(await applyShowEvents(deps, 1, 'show#alpha', alphaEvents.slice(1, 2))).toEqual({ kind: 'duplicate', version: 3 });
    expect(await applyShowEvents(deps, 1, 'show#alpha', alphaEvents.slice(6, 7))).toEqual({ kind: 'applied', version: 10, repaired: true });
  });

  it('an entry cache that another writer made stale costs a failed condition, never a wrong entry', async () => {
    const table = await newCatalogTable();
    const alphaEvents = history.filter((e) => e.streamId === 'show#alpha');
    const cached = { db, catalogTable: table, store: fixture.store, entryCache: new EntryCache() };
    const other = { db, catalogTable: table, store: fixture.store };
    expect(await applyShowEvents(cached, 1, 'show#alpha', alphaEvents.slice(0, 3))).toEqual({ kind: 'applied', version: 3, repaired: false });
    // Another container moves the entry to version 6; this one still remembers version 3.
    expect(await applyShowEvents(other, 1, 'show#alpha', alphaEvents.slice(3, 6))).toEqual({ kind: 'applied', version: 6, repaired: false });
    expect(await applyShowEvents(cached, 1, 'show#alpha', alphaEvents.slice(6, 7))).toEqual({ kind: 'applied', version: 7, repaired: false });
    expect(await applyShowEvents(cached, 1, 'show#alpha', alphaEvents.slice(5, 7))).toEqual({ kind: 'duplicate', version: 7 });

    const reference = await newCatalogTable();
    await applyShowEvents({ db, catalogTable: reference, store: fixture.store }, 1, 'show#alpha', alphaEvents.slice(0, 7));
    expect(await entriesOf(table, 1)).toEqual(await entriesOf(reference, 1));
  });

  it('concurrent writers of one entry end at the same entry as one writer', async () => {
    const table = await newCatalogTable();
    const deps = { db, catalogTable: table, store: fixture.store };
    const alphaEvents = history.filter((e) => e.streamId === 'show#alpha');
    await Promise.all(alphaEvents.map((event) => applyShowEvents(deps, 1, 'show#alpha', [event])));
    const [alpha] = await entriesOf(table, 1);
    expect(alpha?.version).toBe(10);
    expect(alpha?.status).toBe('published');
  });

  it('a rebuild from the store into a fresh generation equals the live model and becomes the one served', async () => {
    const table = await newCatalogTable();
    await projectCatalogBatch({ db, catalogTable: table, store: fixture.store }, shuffled(history, 42));
    const live = await entriesOf(table, 1);
    const report = await rebuildCatalog({ db, catalogTable: table, store: fixture.store });
    expect(report).toEqual({ generation: 2, streams: showIds.length, prune: { pruned: [], deferred: [] } });
    expect(await readGenerations(db, table, 'catalog')).toEqual({ active: 2, building: null });
    expect(await entriesOf(table, 2)).toEqual(live);
  });
});
