import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ProposedEvent } from '../appendTypes';
import { createDynamoDbEventStore, type EventStore } from '../eventStore';
import { createEventStoreTables, type EventStoreTableNames } from '../tables';

export interface StoreFixture {
  readonly client: DynamoDBClient;
  readonly tables: EventStoreTableNames;
  readonly store: EventStore;
  dispose(): Promise<void>;
}

/** Fresh, uniquely named tables on the test run's DynamoDB Local (AWS_ENDPOINT_URL_DYNAMODB). */
export const createStoreFixture = async (categoryShards = 4): Promise<StoreFixture> => {
  const client = new DynamoDBClient({});
  const suffix = randomUUID().slice(0, 8);
  const tables = { events: `events-${suffix}`, snapshots: `snapshots-${suffix}` };
  await createEventStoreTables(client, tables);
  return {
    client,
    tables,
    store: createDynamoDbEventStore({ client, tables, categoryShards }),
    dispose: async () => {
      await Promise.all([client.send(new DeleteTableCommand({ TableName: tables.events })), client.send(new DeleteTableCommand({ TableName: tables.snapshots }))]);
      client.destroy();
    },
  };
};

let sequence = 0;

export const proposedEvent = (overrides: Partial<ProposedEvent> = {}): ProposedEvent => {
  sequence += 1;
  return {
    eventId: `event-${sequence}-${randomUUID()}`,
    type: 'Incremented',
    schemaVersion: 1,
    context: 'catalog',
    occurredAt: '2026-01-01T00:00:00.000Z',
    correlationId: 'correlation-1',
    causationId: 'cause-1',
    actor: { id: 'tester', kind: 'user' },
    data: {},
    ...overrides,
  };
};
