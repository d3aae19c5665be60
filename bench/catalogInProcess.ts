// First: the handler's modules require JSON under the import condition (see the module).
import '../local/lambda/jsonStaysJson';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { createDynamoDbEventStore } from '../adapters/eventstore';
import { catalogApi } from '../functions/catalog/api';
import { measureWindow } from './measure';

/**
 * The GET /shows handler called in-process, 64 at once: the baseline bench/catalog.ts compares the local HTTP
 * API with. A child process of its own, started with `--conditions=import` as the local Lambda workers are,
 * because the handler's ESM-only middy resolves only through that export.
 */
const env = z.object({ BENCH_DYNAMODB: z.string().url(), BENCH_REGION: z.string(), BENCH_CONNECTIONS: z.coerce.number(), BENCH_WINDOW_MS: z.coerce.number() }).parse(process.env);

// DynamoDB Local takes any key; not imported from local/cloud, which would load the whole local stack here.
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

const event = {
  version: '2.0',
  routeKey: 'GET /shows',
  rawPath: '/shows',
  rawQueryString: 'limit=20',
  headers: {},
  queryStringParameters: { limit: '20' },
  isBase64Encoded: false,
  requestContext: { requestId: 'bench' },
} as unknown as APIGatewayProxyEventV2;

const main = async () => {
  const client = new DynamoDBClient({ endpoint: env.BENCH_DYNAMODB, region: env.BENCH_REGION, credentials: localCredentials });
  const db = DynamoDBDocumentClient.from(client);
  const store = createDynamoDbEventStore({ client, tables: { events: 'showrunner-bench-events', snapshots: 'showrunner-bench-snapshots' } });
  const api = catalogApi({ db, tables: { catalog: 'showrunner-bench-catalog', engagement: 'showrunner-bench-engagement' }, store, generation: async () => 1 });
  const result = await measureWindow(env.BENCH_CONNECTIONS, env.BENCH_WINDOW_MS, async () => {
    const answer = await api.listShows(structuredClone(event), {} as Context);
    if (answer.statusCode !== 200) throw new Error(`listShows answered ${answer.statusCode}`);
    return 1;
  });
  client.destroy();
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

void main();
