import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { EventStore as CastoreEventStore, EventType } from '@castore/core';
import { DynamoDBSingleTableEventStorageAdapter } from '@castore/event-storage-adapter-dynamodb';
import { createAggregateCache } from '../adapters/eventstore/aggregateCache';
import { createDynamoDbEventStore, type EventStore } from '../adapters/eventstore/eventStore';
import { handleCommand } from '../adapters/eventstore/handleCommand';
import { eventsTableDefinition, snapshotsTableDefinition } from '../adapters/eventstore/tables';
import { counterCodec, counterDecider, counterMetadata, counterStateSchema, type CounterState } from '../adapters/eventstore/testing/counter';
import type { BenchModule, BenchSection } from './benchModule';
import { createCastoreTable } from './castoreTable';
import { data, loads, proposed } from './eventstoreLoads';
import { measureWindow, median, percentile, round, type WindowResult } from './measure';

const writers = 16;
const windowMs = Number(process.env.BENCH_WINDOW_MS ?? 3_000);
const windows = Number(process.env.BENCH_WINDOWS ?? 5);
const warmUpMs = Number(process.env.BENCH_WARMUP_MS ?? 20_000);
type Variant = { readonly name: string; operation(writer: number): Promise<number> };

interface Targets {
  readonly store: EventStore;
  readonly db: DynamoDBDocumentClient;
  readonly eventsTable: string;
  readonly castore: CastoreEventStore;
}

/** Each writer appends to its own stream, tracking its head the way a caller that has read the stream does. */
const streamsPerWriter = (prefix: string) => {
  const run = randomUUID().slice(0, 8);
  const heads = Array.from({ length: writers }, () => 0);
  return {
    streamId: (writer: number) => `${prefix}#${run}-${writer}`,
    claim: (writer: number, count: number): number => {
      const base = heads[writer] ?? 0;
      heads[writer] = base + count;
      return base;
    },
  };
};

/** The floor: the same items and the same conditional write calls as the store makes, with no store logic. */
const floorItem = (streamId: string, version: number, commandId: string): Record<string, unknown> => ({
  ...proposed(),
  streamId,
  version,
  commandId,
  ...(version === 1 ? { categoryShard: 'show#0', startedAt: `${new Date().toISOString()}#${streamId}` } : {}),
});
const putCondition = { ConditionExpression: 'attribute_not_exists(version)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } as const;

const variants = (targets: Targets, eventsPerCommand: number): Variant[] => {
  const floor = streamsPerWriter('floor');
  const store = streamsPerWriter('show');
  const castore = streamsPerWriter('castore');
  const castorePayload = (aggregateId: string, version: number) => ({
    aggregateId,
    version,
    type: 'ShowRenamed',
    payload: data,
    metadata: { eventId: randomUUID(), commandId: randomUUID(), correlationId: 'bench', causationId: 'bench', actor: { id: 'bench', kind: 'user' }, context: 'catalog' },
  });
  const range = Array.from({ length: eventsPerCommand }, (_, i) => i);
  return [
    {
      name: 'bare DynamoDB (floor)',
      operation: async (writer) => {
        const streamId = floor.streamId(writer);
        const base = floor.claim(writer, eventsPerCommand);
        const commandId = randomUUID();
        if (eventsPerCommand === 1) {
          await targets.db.send(new PutCommand({ TableName: targets.eventsTable, Item: floorItem(streamId, base + 1, commandId), ...putCondition }));
        } else {
          await targets.db.send(
            new TransactWriteCommand({
              TransactItems: range.map((i) => ({ Put: { TableName: targets.eventsTable, Item: floorItem(streamId, base + i + 1, commandId), ...putCondition } })),
              ClientRequestToken: commandId,
            }),
          );
        }
        return eventsPerCommand;
      },
    },
    {
      name: 'Showrunner event store',
      operation: async (writer) => {
        const base = store.claim(writer, eventsPerCommand);
        await targets.store.appendToStream(store.streamId(writer), range.map(proposed), {
          expectedVersion: base === 0 ? 'no_stream' : base,
          expectedVersionRead: true,
          commandId: randomUUID(),
        });
        return eventsPerCommand;
      },
    },
    {
      name: 'Castore DynamoDB adapter',
      operation: async (writer) => {
        const aggregateId = castore.streamId(writer);
        const base = castore.claim(writer, eventsPerCommand);
        if (eventsPerCommand === 1) await targets.castore.pushEvent(castorePayload(aggregateId, base + 1));
        else {
          const [first, second, ...rest] = range.map((i) => targets.castore.groupEvent(castorePayload(aggregateId, base + i + 1)));
          if (first === undefined || second === undefined) throw new Error('a group needs at least two events');
          await CastoreEventStore.pushEventGroup(first, second, ...rest);
        }
        return eventsPerCommand;
      },
    },
  ];
};

const summarise = (scenario: string, name: string, results: readonly WindowResult[]) => ({
  scenario,
  variant: name,
  'events/s (median)': round(median(results.map((r) => r.eventsPerSecond))),
  'windows events/s': results.map((r) => round(r.eventsPerSecond)).join(' / '),
  'p50 ms': round(median(results.flatMap((r) => r.latenciesMs)), 1),
  'p99 ms': round(percentile(results.flatMap((r) => r.latenciesMs), 99), 1),
});

/** Variants take turns window by window, so a slow moment of a shared machine hurts them all alike. */
const throughput = async (targets: Targets, scenario: string, eventsPerCommand: number) => {
  const list = variants(targets, eventsPerCommand);
  for (const variant of list) await measureWindow(writers, 1_000, (w) => variant.operation(w));
  const results = new Map<string, WindowResult[]>(list.map((variant) => [variant.name, []]));
  for (let w = 0; w < windows; w += 1) {
    for (const variant of list) results.get(variant.name)?.push(await measureWindow(writers, windowMs, (writer) => variant.operation(writer)));
  }
  const rows = list.map((variant) => summarise(scenario, variant.name, results.get(variant.name) ?? []));
  const rate = (name: string) => rows.find((row) => row.variant === name)?.['events/s (median)'] ?? Number.NaN;
  const ours = rate('Showrunner event store');
  return rows.map((row) => ({
    ...row,
    'store vs this': row.variant === 'Showrunner event store' ? '' : `${round(ours / row['events/s (median)'], 2)}x`,
  }));
};

/**
 * The full command path (load with snapshot, decide, append) on distinct streams, for reference: without a cache
 * every command reads its stream; with one (a container's, warm) a command on a stream it wrote is one write.
 * The two take turns window by window.
 */
const commandPath = async (store: EventStore) => {
  const run = randomUUID().slice(0, 8);
  const snapshots = { stateSchema: counterStateSchema, stateVersion: 'bench-1', every: 100 };
  const cache = createAggregateCache<CounterState>();
  const operation = (cached: boolean) => async (writer: number) => {
    const result = await handleCommand({
      store,
      decider: counterDecider,
      codec: counterCodec,
      streamId: `show#cmd-${run}-${cached ? 'cached' : 'loaded'}-${writer}`,
      command: { type: 'add', times: 1 },
      commandId: randomUUID(),
      metadata: counterMetadata,
      snapshots,
      ...(cached ? { cache } : {}),
    });
    return result.events.length;
  };
  const loaded: WindowResult[] = [];
  const cached: WindowResult[] = [];
  await measureWindow(writers, 1_000, operation(true));
  for (let w = 0; w < windows; w += 1) {
    loaded.push(await measureWindow(writers, windowMs, operation(false)));
    cached.push(await measureWindow(writers, windowMs, operation(true)));
  }
  return [
    { ...summarise('1-event command via handleCommand', 'load + decide + append', loaded), 'store vs this': '' },
    { ...summarise('1-event command via handleCommand', 'aggregate cache (warm) + decide + append', cached), 'store vs this': '' },
  ];
};

const setUp = async (): Promise<Targets & { client: DynamoDBClient }> => {
  const client = new DynamoDBClient({});
  const suffix = randomUUID().slice(0, 8);
  const tables = { events: `bench-events-${suffix}`, snapshots: `bench-snapshots-${suffix}` };
  const castoreTable = `bench-castore-${suffix}`;
  await Promise.all([
    client.send(new CreateTableCommand({ ...eventsTableDefinition(tables.events), StreamSpecification: undefined })),
    client.send(new CreateTableCommand(snapshotsTableDefinition(tables.snapshots))),
    createCastoreTable(client, castoreTable),
  ]);
  const castore = new CastoreEventStore({
    eventStoreId: 'shows',
    eventTypes: [new EventType({ type: 'ShowRenamed' })],
    reducer: (aggregate, event) => ({ ...aggregate, aggregateId: event.aggregateId, version: event.version }),
    eventStorageAdapter: new DynamoDBSingleTableEventStorageAdapter({ tableName: castoreTable, dynamoDBClient: client }),
  });
  return {
    client,
    store: createDynamoDbEventStore({ client, tables }),
    db: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    eventsTable: tables.events,
    castore,
  };
};

export const eventStoreBenchmark: BenchModule = {
  section: 'eventstore',
  run: async (): Promise<BenchSection> => {
    const targets = await setUp();
    try {
      // A fresh DynamoDB Local runs interpreted for its first few thousand calls (several times slower): warm
      // every kind of call up before any window counts.
      const warmUp = [...variants(targets, 1), ...variants(targets, 5)];
      await measureWindow(writers, warmUpMs, (writer) => (warmUp[writer % warmUp.length] ?? warmUp[0])?.operation(writer) ?? Promise.resolve(0));
      const single = await throughput(targets, '1-event commands, 16 writers, distinct streams', 1);
      const five = await throughput(targets, '5-event commands, 16 writers, distinct streams', 5);
      const command = await commandPath(targets.store);
      const loadRows = await loads(targets.store);
      const columns = ['scenario', 'variant', 'events/s (median)', 'store vs this', 'windows events/s', 'p50 ms', 'p99 ms'];
      const loadColumns = ['with snapshot: ms (median)', 'events read', 'vs 10-event', 'no snapshot: ms (median)', 'events read (no snapshot)'];
      return {
        title: 'Event store: appends and loads',
        measuredAt: new Date().toISOString(),
        environment: `DynamoDB Local (in memory), one Node ${process.version} process, ${cpus().length} CPUs, ${writers} writers, ${windows} windows of ${windowMs} ms`,
        notes: [
          'Throughput is the median of the windows; variants take turns window by window. Noise between runs here is about +-15%.',
          '"store vs this": the store\'s events/s divided by that row\'s. Targets: >= 0.9x the floor, >= 1.0x Castore.',
          'The store appends one event with one conditional PutItem and several with one TransactWriteItems, like the floor; a writer that tracks its head passes expectedVersionRead.',
          'The events table is created here without its DynamoDB stream, like the floor\'s and Castore\'s tables (the dynamodbLocal section measures that a stream does not change DynamoDB Local\'s write rate).',
          'handleCommand rows: "load" reads the snapshot and the tail before every command; "aggregate cache (warm)" starts from what this process last wrote to the stream (functions/shows/showCommands.ts keeps one per container), so a command is one conditional PutItem. Both on distinct streams, taking turns.',
          'Loads: the 1,000- and 10,000-event streams have a snapshot 50 events behind the head; the 10-event stream has none (loads still look for one).',
        ],
        columns: [...columns, ...loadColumns],
        rows: [...single, ...five, ...command, ...loadRows],
      };
    } finally {
      targets.client.destroy();
    }
  },
};
