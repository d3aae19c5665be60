import * as z from 'zod';
import { createDynamoDbEventStore, type EventStore } from '../../adapters/eventstore';
import { configOnce, type Env } from './config';
import { dynamoDbClient } from './sdk/dynamodb';

const storeConfig = configOnce(z.object({ EVENTS_TABLE: z.string().min(1), SNAPSHOTS_TABLE: z.string().min(1) }), 'event store configuration');

let store: EventStore | undefined;

/** The event store of this container, on the shared DynamoDB client, created on first use. */
export const eventStore = (env: Env = process.env): EventStore => {
  if (store === undefined) {
    const config = storeConfig(env);
    store = createDynamoDbEventStore({ client: dynamoDbClient(), tables: { events: config.EVENTS_TABLE, snapshots: config.SNAPSHOTS_TABLE } });
  }
  return store;
};
