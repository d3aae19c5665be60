import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbEventStore, type EventStore } from '../../adapters/eventstore';
import { publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import { readArchive } from '../../local/archives/archive';
import { localCredentials, type LocalCloud } from '../../local/cloud';
import { messagesInQueue } from '../../local/sqs/testing';
import { startE2eStack, type E2eStack } from '../../test/e2eStack';

/**
 * The transactional outbox end to end on the real serverless.yml: commands append events to the store, the
 * events table's stream feeds the publisher, the publisher puts them on the bus, and the bus's archive (a
 * managed rule on the bus, as on AWS: local/archives) receives every one of them once, in order per stream.
 */
describe('events appended by commands reach the bus through the outbox publisher', () => {
  let stack: E2eStack;
  let cloud: LocalCloud;
  let client: DynamoDBClient;
  let store: EventStore;
  let adminToken: string;

  beforeAll(async () => {
    stack = await startE2eStack('outbox');
    cloud = stack.cloud;
    adminToken = await stack.token('admin-1', ['admin']);
    client = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.service.region, credentials: localCredentials });
    store = createDynamoDbEventStore({ client, tables: { events: 'showrunner-dev-events', snapshots: 'showrunner-dev-snapshots' } });
  }, 120_000);

  afterAll(async () => {
    client.destroy();
    await stack.stop();
  }, 120_000);

  it('delivers each stored event exactly once, in version order per stream, with the stored envelope', async () => {
    const archive = cloud.service.archives.find((a) => a.eventBusName === 'showrunner-dev');
    if (archive === undefined) throw new Error('serverless.yml declares no archive on the bus');
    const admin = { id: 'admin-1', kind: 'user' as const };

    // One show drafted through the API, then both shows taken to published by commands running side by side,
    // so the two streams' records interleave in the table's stream.
    const drafted = await fetch(`${cloud.endpoints.api}/shows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ showId: 'outbox-a', title: 'Tide Tables', description: 'A harbour, a year', genre: 'documentary', language: 'en' }),
    });
    expect(drafted.status).toBe(201);
    await Promise.all([runShowCommands(store, publishCommands({ showId: 'outbox-a' }).slice(1)), runShowCommands(store, publishCommands({ showId: 'outbox-b' }))]);
    // Each stream's last event: once it is on the bus, every earlier record of its shard has been through the publisher.
    await runShowCommands(store, [
      { type: 'UpdateShowMetadata', showId: 'outbox-a', now: '2026-04-01T10:00:00.000Z', actor: admin, title: 'Tide Tables, revised' },
      { type: 'UpdateShowMetadata', showId: 'outbox-b', now: '2026-04-01T10:00:00.000Z', actor: admin, title: 'B, revised' },
    ]);
    const stored = new Map(await Promise.all(['show#outbox-a', 'show#outbox-b'].map(async (id) => [id, (await store.readStream(id)).events] as const)));

    type Envelope = { eventId: string; streamId: string; version: number; type: string };
    const archivedOf = (streamId: string) =>
      readArchive(stack.dataDir, archive.name)
        .filter((e) => e.source === 'showrunner.catalog' && (e.detail as Envelope).streamId === streamId)
        .map((e) => ({ detailType: e['detail-type'], ...(e.detail as Envelope) }));
    const lastOf = (streamId: string) => stored.get(streamId)?.at(-1)?.eventId;
    for (let i = 0; i < 600; i += 1) {
      if ([...stored.keys()].every((id) => archivedOf(id).some((e) => e.eventId === lastOf(id)))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await cloud.eventBridge.idle();

    for (const [streamId, events] of stored) {
      expect(events.length).toBeGreaterThan(5);
      const archived = archivedOf(streamId);
      expect(archived.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      expect(archived.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      expect(archived.map((e) => e.detailType)).toEqual(events.map((e) => e.type));
    }
    // The publisher never gave up on a batch.
    expect(await messagesInQueue(cloud, 'StreamDeadLetterQueue')).toBe(0);
  }, 180_000);
});
