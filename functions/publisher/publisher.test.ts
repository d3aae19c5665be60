import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { defaultCategoryShards, toEventItem } from '../../adapters/eventstore';
import { createStoreFixture, type StoreFixture } from '../../adapters/eventstore/testing/storeFixture';
import { createCatalogTables, entryKey, fromCatalogItem, projectCatalogBatch } from '../../adapters/projections';
import { publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import { streamEventOf } from '../../adapters/streams/testing/streamEventOf';
import { envelopeSchema, type EventEnvelope } from '../../events/envelope';
import { createEventBridgeService } from '../../local/eventbridge/service';
import type { PutEventsRequestEntry } from '../../local/eventbridge/types';
import { inMemoryCheckpoints } from '../../local/streams/checkpoints';
import { startStreamSubscription } from '../../local/streams/subscription';
import { outboxPublisher } from './outbox';
import type { PutEvents } from './publishInOrder';

const showIds = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
let fixture: StoreFixture;
let appended: EventEnvelope[] = [];
const tables: string[] = [];

beforeAll(async () => {
  fixture = await createStoreFixture();
  await Promise.all(showIds.map((showId) => runShowCommands(fixture.store, publishCommands({ showId }))));
  appended = (await Promise.all(showIds.map((id) => fixture.store.readStream(`show#${id}`)))).flatMap((s) => s.events);
});

afterAll(async () => {
  await Promise.all(tables.map((TableName) => fixture.client.send(new DeleteTableCommand({ TableName }))));
  await fixture.dispose();
});

/** A seeded generator, so a failing run can be replayed. */
const seeded = (seed: number) => {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
};

/**
 * The real local EventBridge behind a wrapper that fails entries the way AWS does: a 200 answer with
 * per-entry ErrorCodes (those entries never reach the bus), and now and then a whole call throttled.
 */
const faultyPutEvents = (service: ReturnType<typeof createEventBridgeService>, random: () => number, stats: { failedEntries: number; throttled: number }): PutEvents =>
  async (entries) => {
    if (random() < 0.1) {
      stats.throttled += 1;
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    }
    const failing = entries.map(() => random() < 0.3);
    const forwarded = entries.filter((_, i) => !failing[i]) as PutEventsRequestEntry[];
    const answer = forwarded.length > 0 ? await service.putEvents(forwarded) : { FailedEntryCount: 0, Entries: [] };
    let next = 0;
    stats.failedEntries += failing.filter(Boolean).length;
    return {
      FailedEntryCount: failing.filter(Boolean).length + answer.FailedEntryCount,
      Entries: entries.map((_, i) => (failing[i] ? { ErrorCode: 'InternalFailure', ErrorMessage: 'injected' } : answer.Entries[next++])).filter((e) => e !== undefined),
    };
  };

describe('the outbox publisher', () => {
  it('publishes every committed event through partial PutEvents failures, in order per stream, and nothing twice past the gate', async () => {
    const delivered: EventEnvelope[] = [];
    const service = createEventBridgeService({
      region: 'us-east-1',
      accountId: '000000000000',
      buses: ['showrunner-test'],
      rules: [{ name: 'all-catalog', eventBusName: 'showrunner-test', eventPattern: { source: ['showrunner.catalog'] }, targets: [{ id: 'consumer', arn: 'consumer' }] }],
      deliver: async (_target, payload) => void delivered.push(envelopeSchema.parse((payload as { detail: unknown }).detail)),
    });
    const stats = { failedEntries: 0, throttled: 0, batches: 0, retriedFrom: 0 };
    const putEvents = faultyPutEvents(service, seeded(7), stats);
    const streams = new DynamoDBStreamsClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
    const deadLetters: unknown[] = [];
    const subscription = startStreamSubscription(
      { functionName: 'publisher', tableName: fixture.tables.events, batchSize: 25, startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 100, bisectBatchOnFunctionError: true, reportBatchItemFailures: true },
      {
        dynamodb: fixture.client,
        streams,
        region: 'us-east-1',
        checkpoints: inMemoryCheckpoints(),
        pollIntervalMs: 20,
        retryDelayMs: () => 1,
        onFailure: (records) => deadLetters.push(...records),
        invoke: async (_name, event) => {
          stats.batches += 1;
          const response = await outboxPublisher({ eventBusName: 'showrunner-test', putEvents, maxAttempts: 2, backoffMs: () => 1 })(event);
          if (response.batchItemFailures.length > 0) stats.retriedFrom += 1;
          return response;
        },
      },
    );
    const deadline = Date.now() + 20_000;
    while (new Set(delivered.map((e) => e.eventId)).size < appended.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await subscription.stop();
    await service.idle();
    streams.destroy();

    // Faults really happened, and Lambda really had to resume batches from a reported failure.
    expect(stats.failedEntries).toBeGreaterThan(10);
    expect(stats.retriedFrom).toBeGreaterThan(0);
    expect(deadLetters).toEqual([]);
    // Nothing lost.
    expect(new Set(delivered.map((e) => e.eventId))).toEqual(new Set(appended.map((e) => e.eventId)));
    // In order per stream: a stream's event never reaches the bus before its predecessor did.
    for (const showId of showIds) {
      const firstSeen = delivered.filter((e) => e.streamId === `show#${showId}`).map((e) => e.version).filter((v, i, all) => all.indexOf(v) === i);
      expect(firstSeen).toEqual(Array.from({ length: firstSeen.length }, (_, i) => i + 1));
    }
    // Duplicates reach the bus (at-least-once), but a version gate downstream applies each event exactly once.
    const applied = new Map<string, number[]>();
    for (const event of delivered) {
      const versions = applied.get(event.streamId) ?? [];
      if (event.version === versions.length + 1) applied.set(event.streamId, [...versions, event.version]);
      else expect(event.version).toBeLessThanOrEqual(versions.length);
    }
    expect([...applied.values()].flat()).toHaveLength(appended.length);

    // And the real catalogue projection fed the bus's deliveries (duplicates included) equals the store's truth.
    const names = { catalog: `catalog-${randomUUID().slice(0, 8)}`, engagement: `engagement-${randomUUID().slice(0, 8)}` };
    await createCatalogTables(fixture.client, names);
    tables.push(names.catalog, names.engagement);
    const db = DynamoDBDocumentClient.from(fixture.client);
    await projectCatalogBatch({ db, catalogTable: names.catalog, store: fixture.store }, delivered);
    for (const showId of showIds) {
      const { Item } = await db.send(new GetCommand({ TableName: names.catalog, Key: entryKey(1, showId), ConsistentRead: true }));
      expect(Item === undefined ? null : fromCatalogItem(Item)).toMatchObject({ showId, status: 'published', version: 10 });
    }
  });

  const itemOf = (event: EventEnvelope) => toEventItem(event, defaultCategoryShards);

  it('stops at a record that is not a valid event, so Lambda retries it and, in the end, dead-letters it', async () => {
    const calls: number[] = [];
    const publish = outboxPublisher({ eventBusName: 'bus', putEvents: async (entries) => (calls.push(entries.length), { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) }) });
    const response = await publish(streamEventOf([itemOf(appended[0] as EventEnvelope), { streamId: 'show#p1', version: 2, type: 'not an envelope' }, itemOf(appended[1] as EventEnvelope)]));
    // The invalid record and every record after it (their streams may be its stream) are retried; the one before is published.
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '2' }, { itemIdentifier: '3' }]);
    expect(calls).toEqual([1]);
  });

  it('sends at most 10 entries and at most one per stream in a PutEvents call', async () => {
    const sizes: string[][] = [];
    const publish = outboxPublisher({
      eventBusName: 'bus',
      putEvents: async (entries) => (sizes.push(entries.map((e) => envelopeSchema.parse(JSON.parse(e.Detail)).streamId)), { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) }),
    });
    const response = await publish(streamEventOf(appended.map(itemOf)));
    expect(response.batchItemFailures).toEqual([]);
    expect(sizes.flat()).toHaveLength(appended.length);
    // Six streams of ten events each pack six to a call: ten calls, not sixty.
    expect(sizes).toHaveLength(10);
    for (const streamIds of sizes) {
      expect(streamIds.length).toBeLessThanOrEqual(10);
      expect(new Set(streamIds).size).toBe(streamIds.length);
    }
  });
});
