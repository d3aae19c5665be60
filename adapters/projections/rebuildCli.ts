import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { createDynamoDbEventStore } from '../eventstore';
import { rebuildCatalog } from './rebuildCatalog';

/**
 * `npm run rebuild -- <projection>`: rebuilds a read model from the event store into a fresh generation,
 * switches the API to it and deletes the generations before the one it replaced. Run it again after it was
 * killed: it resumes from its checkpoint (at once after a failure, after 30 s after a kill). Tables come from the environment (as the functions get them), defaulting to the
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
  const resumed = report.resumedAfter === undefined ? '' : ` (resumed an interrupted run after ${report.resumedAfter})`;
  console.log(`${name}: rebuilt ${report.streams} streams into generation ${report.generation}${resumed} and switched to it in ${Date.now() - started} ms`);
  if (report.prune.pruned.length > 0) console.log(`${name}: deleted generations ${report.prune.pruned.join(', ')}; generation ${report.generation - 1} is kept for a rollback`);
  if (report.prune.deferred.length > 0) console.log(`${name}: generations ${report.prune.deferred.join(', ')} were served too recently to delete; the next rebuild deletes them`);
  client.destroy();
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
