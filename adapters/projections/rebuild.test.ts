import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventStore } from '../eventstore';
import { createStoreFixture, type StoreFixture } from '../eventstore/testing/storeFixture';
import { projectCatalogBatch } from './catalogProjector';
import { RebuildConflictError, readGenerations } from './generations';
import { pruneGraceMs } from './pruneGenerations';
import { rebuildCatalog } from './rebuildCatalog';
import { rebuildLeaseMs } from './rebuildRun';
import { catalogEntriesOf, newCatalogTable as newTestCatalogTable } from './testing/catalogTestTables';
import { publishCommands, runShowCommands } from './testing/showLifecycle';

/** Rebuilds against the real DynamoDB Local: resuming a killed run from its checkpoint, and pruning old generations. */
let fixture: StoreFixture;
let db: DynamoDBDocumentClient;
const tables: string[] = [];
const showIds = Array.from({ length: 12 }, (_, i) => `show-${String(i).padStart(2, '0')}`);
const admin = { id: 'admin', kind: 'user' as const };

const newCatalogTable = () => newTestCatalogTable(fixture.client, tables);
const entriesOf = (table: string, generation: number) => catalogEntriesOf(db, table, generation, showIds);

/** The live model: every stored event projected as the stream-fed projector does (into whatever generations are open). */
const projectLive = async (table: string) => {
  const streams = await Promise.all(showIds.map((id) => fixture.store.readStream(`show#${id}`)));
  await projectCatalogBatch({ db, catalogTable: table, store: fixture.store }, streams.flatMap((s) => s.events));
};

beforeAll(async () => {
  fixture = await createStoreFixture();
  db = DynamoDBDocumentClient.from(fixture.client, { marshallOptions: { removeUndefinedValues: true } });
  for (const [i, showId] of showIds.entries()) {
    await runShowCommands(fixture.store, publishCommands({ showId, now: `2026-03-${String(i + 1).padStart(2, '0')}T10:00:00.000Z` }));
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(tables.map((TableName) => fixture.client.send(new DeleteTableCommand({ TableName }))));
  await fixture.dispose();
});

describe('a rebuild killed mid-way', () => {
  it('resumes from its checkpoint on the next run, skips what was done, and ends identical to the live model', async () => {
    const table = await newCatalogTable();
    await projectLive(table);
    const t0 = Date.parse('2026-11-01T00:00:00Z');

    // The first run stops dead while rebuilding its 6th stream: no error, no clean-up, as a killed process.
    let reads = 0;
    let died: () => void = () => undefined;
    const dead = new Promise<void>((resolve) => (died = resolve));
    let revive: () => void = () => undefined;
    const frozen = new Promise<void>((resolve) => (revive = resolve));
    const dying: Pick<EventStore, 'readStream' | 'listStreams'> = {
      listStreams: (category, options) => fixture.store.listStreams(category, options),
      readStream: async (id, options) => {
        reads += 1;
        if (reads === 6) {
          died();
          await frozen;
        }
        return fixture.store.readStream(id, options);
      },
    };
    const zombie = rebuildCatalog({ db, catalogTable: table, store: dying }, { concurrency: 1, checkpointEvery: 1, now: () => t0, runId: 'run-1' });
    await dead;
    expect(await readGenerations(db, table, 'catalog')).toEqual({ active: 1, building: 2 });

    // Meanwhile the catalogue moves on: the live projector writes to both generations.
    await runShowCommands(fixture.store, [{ type: 'UpdateShowMetadata', showId: 'show-01', now: '2026-04-01T10:00:00.000Z', actor: admin, title: 'Renamed while rebuilding' }]);
    await runShowCommands(fixture.store, [{ type: 'UpdateShowMetadata', showId: 'show-09', now: '2026-04-01T10:00:00.000Z', actor: admin, title: 'Also renamed' }]);
    await projectLive(table);

    // While the first run could still be alive (inside its lease), another run is refused.
    await expect(rebuildCatalog({ db, catalogTable: table, store: fixture.store }, { now: () => t0 + 1000, runId: 'run-2' })).rejects.toThrow(RebuildConflictError);

    // Once it has been silent for the lease, the next run takes over after the checkpoint.
    const readByResume: string[] = [];
    const listedFrom: (string | undefined)[] = [];
    const watched: Pick<EventStore, 'readStream' | 'listStreams'> = {
      listStreams: (category, options) => (listedFrom.push(options?.startedAfter), fixture.store.listStreams(category, options)),
      readStream: (id, options) => (readByResume.push(id), fixture.store.readStream(id, options)),
    };
    const report = await rebuildCatalog({ db, catalogTable: table, store: watched }, { now: () => t0 + rebuildLeaseMs + 1000, runId: 'run-3' });
    expect(report).toMatchObject({ generation: 2, streams: showIds.length - 5 });
    expect(report.resumedAfter).toMatch(/#show#show-04$/);
    expect(listedFrom[0]).toBe(report.resumedAfter);
    expect(readByResume.filter((id) => id <= 'show#show-04')).toEqual([]);
    expect(await readGenerations(db, table, 'catalog')).toEqual({ active: 2, building: null });
    const live = await entriesOf(table, 1);
    expect(live[1]?.title).toBe('Renamed while rebuilding');
    expect(await entriesOf(table, 2)).toEqual(live);

    // The killed run, were it to wake up, has lost its claim: it stops without switching anything.
    revive();
    await expect(zombie).rejects.toThrow(RebuildConflictError);
    expect(await readGenerations(db, table, 'catalog')).toEqual({ active: 2, building: null });
    expect(await entriesOf(table, 2)).toEqual(live);
  }, 60_000);

  it('a run that fails rather than dies records its progress and lets the next run resume at once', async () => {
    const table = await newCatalogTable();
    await projectLive(table);
    let reads = 0;
    const failing: Pick<EventStore, 'readStream' | 'listStreams'> = {
      listStreams: (category, options) => fixture.store.listStreams(category, options),
      readStream: (id, options) => ((reads += 1) === 4 ? Promise.reject(new Error('throttled')) : fixture.store.readStream(id, options)),
    };
    await expect(rebuildCatalog({ db, catalogTable: table, store: failing }, { concurrency: 1, checkpointEvery: 1 })).rejects.toThrow('throttled');
    const report = await rebuildCatalog({ db, catalogTable: table, store: fixture.store });
    expect(report).toMatchObject({ generation: 2, streams: showIds.length - 3 });
    expect(await entriesOf(table, 2)).toEqual(await entriesOf(table, 1));
  }, 60_000);
});

describe('generations after a switch', () => {
  it('keeps the live and the previous generation, and deletes older ones once no reader or writer can be on them', async () => {
    const table = await newCatalogTable();
    await projectLive(table);
    const live = await entriesOf(table, 1);
    const t0 = Date.parse('2026-11-01T00:00:00Z');
    const rebuildAt = (at: number) => rebuildCatalog({ db, catalogTable: table, store: fixture.store }, { now: () => at });

    expect((await rebuildAt(t0)).prune).toEqual({ pruned: [], deferred: [] });
    // Generation 1 stopped being served at t0: 10 s later an API container may still have it cached. Kept.
    expect(await rebuildAt(t0 + 10_000)).toMatchObject({ generation: 3, prune: { pruned: [], deferred: [1] } });
    expect(await entriesOf(table, 1)).toEqual(live);
    // Past the grace period, generations 1 and 2 go; 3 stays for a rollback, 4 is served.
    expect(await rebuildAt(t0 + 10_000 + pruneGraceMs)).toMatchObject({ generation: 4, prune: { pruned: [1, 2], deferred: [] } });
    expect(await readGenerations(db, table, 'catalog')).toEqual({ active: 4, building: null });
    expect(await entriesOf(table, 1)).toEqual(showIds.map(() => null));
    expect(await entriesOf(table, 2)).toEqual(showIds.map(() => null));
    expect(await entriesOf(table, 3)).toEqual(live);
    expect(await entriesOf(table, 4)).toEqual(live);
    // The next prune starts where this one ended: only generation 3 is left to go.
    expect(await rebuildAt(t0 + 20_000 + 2 * pruneGraceMs)).toMatchObject({ generation: 5, prune: { pruned: [3], deferred: [] } });
    expect(await entriesOf(table, 4)).toEqual(live);
    expect(await entriesOf(table, 5)).toEqual(live);
  }, 60_000);
});
