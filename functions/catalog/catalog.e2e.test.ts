import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbEventStore } from '../../adapters/eventstore';
import { publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import { localCredentials, type LocalCloud } from '../../local/cloud';
import { messagesInQueue } from '../../local/sqs/testing';
import { startE2eStack, type E2eStack } from '../../test/e2eStack';

/** The catalogue through `npm start`'s stack from the real serverless.yml: API -> decider -> store -> stream -> projector -> API. */
describe('the catalogue on the local cloud', () => {
  let stack: E2eStack;
  let cloud: LocalCloud | undefined;
  let adminToken: string;

  beforeAll(async () => {
    stack = await startE2eStack('catalog');
    cloud = stack.cloud;
    adminToken = await stack.token('admin-1', ['admin']);
  }, 120_000);

  afterAll(async () => {
    await stack.stop();
  }, 120_000);

  it('shows a show drafted through the API and published through the decider in GET /shows/{showId} and GET /shows', async () => {
    if (cloud === undefined) throw new Error('the local cloud did not start');
    const api = cloud.endpoints.api;
    const drafted = await fetch(`${api}/shows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ showId: 'e2e-1', title: 'Lighthouse Keepers', description: 'Nights on the rock', genre: 'documentary', language: 'en' }),
    });
    expect(drafted.status).toBe(201);
    expect((await fetch(`${api}/shows`, { method: 'POST', body: '{}' })).status).toBe(401);

    const client = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.service.region, credentials: localCredentials });
    const store = createDynamoDbEventStore({ client, tables: { events: 'showrunner-dev-events', snapshots: 'showrunner-dev-snapshots' } });
    await runShowCommands(store, publishCommands({ showId: 'e2e-1' }).slice(1));
    client.destroy();

    let show: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
    for (let i = 0; i < 300 && show.body.version !== 10; i += 1) {
      const response = await fetch(`${api}/shows/e2e-1`);
      show = { status: response.status, body: response.status === 200 ? ((await response.json()) as Record<string, unknown>) : {} };
      if (show.body.version !== 10) await new Promise((r) => setTimeout(r, 100));
    }
    expect(show).toMatchObject({ status: 200, body: { showId: 'e2e-1', title: 'Lighthouse Keepers', status: 'published', visibility: 'public', version: 10 } });

    const list = await fetch(`${api}/shows?genre=documentary`);
    expect(list.headers.get('etag')).toMatch(/^".+"$/);
    expect(((await list.json()) as { items: { showId: string }[] }).items.map((s) => s.showId)).toEqual(['e2e-1']);
    const docs = (await (await fetch(`${api}/api-docs`)).json()) as { openapi: string };
    expect(docs.openapi).toBe('3.1.0');
    // Neither the publisher nor the projector gave up on a batch.
    expect(await messagesInQueue(cloud, 'StreamDeadLetterQueue')).toBe(0);
  }, 90_000);
});
