import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbEventStore } from '../../adapters/eventstore';
import { publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import { localCredentials, startLocalCloud, type LocalCloud } from '../../local/cloud';
import { createLocalIssuer } from '../../local/gateway';

/** The catalogue through `npm start`'s stack from the real serverless.yml: API -> decider -> store -> stream -> projector -> API. */
describe('the catalogue on the local cloud', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'showrunner-catalog-')), 'data');
  let cloud: LocalCloud | undefined;
  let adminToken: string;

  beforeAll(async () => {
    cloud = await startLocalCloud({ ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir, stage: 'dev', configPath: resolve('serverless.yml') }, () => undefined);
    const authorizer = cloud.service.httpApi.authorizers.cognito;
    const issuer = await createLocalIssuer({ dataDir, issuerUrl: authorizer?.issuerUrl ?? '', audience: authorizer?.audience[0] ?? '' });
    adminToken = await issuer.mint({ sub: 'admin-1', groups: ['admin'] });
  }, 120_000);

  afterAll(async () => {
    await cloud?.stop();
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

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
    expect(show).toMatchObject({ status: 200, body: { showId: 'e2e-1', title: 'Lighthouse Keepers', visibility: 'published', version: 10 } });

    const list = await fetch(`${api}/shows?genre=documentary`);
    expect(list.headers.get('etag')).toMatch(/^".+"$/);
    expect(((await list.json()) as { items: { showId: string }[] }).items.map((s) => s.showId)).toEqual(['e2e-1']);
    const docs = (await (await fetch(`${api}/api-docs`)).json()) as { openapi: string };
    expect(docs.openapi).toBe('3.1.0');
    // Neither the publisher nor the projector gave up on a batch.
    expect(existsSync(join(dataDir, 'failed-stream-batches.jsonl'))).toBe(false);
  }, 90_000);
});
