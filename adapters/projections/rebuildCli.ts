import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { createDynamoDbEventStore } from '../eventstore';
import { rebuildCatalog } from './rebuildCatalog';

/**
 * `npm run rebuild -- <projection>`: rebuilds a read model from the event store into a fresh generation and
 * switches the API to it. Tables come from the environment (as the functions get them), defaulting to the
 * dev stage's names; point AWS_ENDPOINT_URL_DYNAMODB at `npm start`'s DynamoDB to rebuild locally.
 */
const envSchema = z.object({
  EVENTS_TABLE: z.string().min(1).default('showrunner-dev-events'),
  SNAPSHOTS_TABLE: z.string().min(1).default('showrunner-dev-snapshots'),
  CATALOG_TABLE: z.string().min(1).default('showrunner-dev-catalog'),
});

const projections = {
  catalog: async (env: z.infer<typeof envSchema>, client: DynamoDBClient) =>
    rebuildCatalog({
      db: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
      catalogTable: env.CATALOG_TABLE,
      store: createDynamoDbEventStore({ client, tables: { events: env.EVENTS_TABLE, snapshots: env.SNAPSHOTS_TABLE } }),
    }),
};

const main = async () => {
  const name = process.argv[2];
  if (name === undefined || !(name in projections)) {
    console.error(`usage: npm run rebuild -- <projection>; projections: ${Object.keys(projections).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const env = envSchema.parse(process.env);
  const client = new DynamoDBClient({});
  const started = Date.now();
  const report = await projections[name as keyof typeof projections](env, client);
  console.log(`${name}: rebuilt ${report.streams} streams into generation ${report.generation} and switched to it in ${Date.now() - started} ms`);
  client.destroy();
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
