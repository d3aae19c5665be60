import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { createDynamoDbEventStore, type EventStore } from '../../adapters/eventstore';
import { traced } from './tracer';

const storeConfigSchema = z.object({
  EVENTS_TABLE: z.string().min(1),
  SNAPSHOTS_TABLE: z.string().min(1),
});

export class ConfigurationError extends Error {
  constructor(what: string, problems: string) {
    super(`${what}: ${problems}; set them in serverless.yml (provider.environment)`);
    this.name = 'ConfigurationError';
  }
}

/** Parses the environment once, at load, so a misconfigured function fails at cold start saying which variable. */
export const readConfig = <T>(schema: z.ZodType<T>, env: Readonly<Record<string, string | undefined>>, what: string): T => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigurationError(what, parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  return parsed.data;
};

let store: EventStore | undefined;

/** The event store of this container: one DynamoDB client, created on first use and reused by every invocation. */
export const eventStore = (env: Readonly<Record<string, string | undefined>> = process.env): EventStore => {
  if (store === undefined) {
    const config = readConfig(storeConfigSchema, env, 'event store configuration');
    store = createDynamoDbEventStore({ client: traced(new DynamoDBClient({})), tables: { events: config.EVENTS_TABLE, snapshots: config.SNAPSHOTS_TABLE } });
  }
  return store;
};
