import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { localCredentials, startLocalCloud, type LocalCloud } from './cloud';

/** Showrunner's own serverless.yml, started as `npm start` starts it (on free ports, in a scratch data folder). */
describe('npm start on the real serverless.yml', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'showrunner-')), 'data');
  const start = () => startLocalCloud({ ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir, stage: 'dev', configPath: resolve('serverless.yml') }, () => undefined);
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await start();
  }, 120_000);
  afterAll(async () => {
    await cloud.stop();
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  }, 120_000);

  it('answers GET /health with each part probed by the health function through the SDK', async () => {
    const response = await fetch(`${cloud.endpoints.api}/health`);
    const body: unknown = await response.json();
    const parts = { dynamodb: 'up', eventbridge: 'up', sfn: 'up', s3: 'up', cognito: 'up', mediaconvert: 'up', sqs: 'up', payments: 'up' };
    expect({ status: response.status, body }).toEqual({ status: 200, body: { status: 'ok', parts } });
    expect(await cloud.health()).toEqual({ ok: true, parts });
    expect(response.headers.get('cache-control')).toBe('no-store');
    // The first request pays the health function's cold start (its SDK clients), which a loaded machine stretches.
  }, 90_000);

  it('creates the events table as serverless.yml declares it: keyed by stream and version, streamed, with the category index', async () => {
    const dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.service.region, credentials: localCredentials });
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: 'showrunner-dev-events' }));
    dynamodb.destroy();
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'streamId', KeyType: 'HASH' },
      { AttributeName: 'version', KeyType: 'RANGE' },
    ]);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['streamsByCategory']);
  });

  it('resumes with the same data after a stop and a second start', async () => {
    const client = (endpoint: string) => new DynamoDBClient({ endpoint, region: cloud.service.region, credentials: localCredentials });
    const before = client(cloud.endpoints.dynamodb);
    const key = { streamId: { S: 'show#kept' }, version: { N: '1' } };
    await before.send(new PutItemCommand({ TableName: 'showrunner-dev-events', Item: { ...key, type: { S: 'ShowDrafted' } } }));
    before.destroy();
    await cloud.stop();
    cloud = await start();
    const after = client(cloud.endpoints.dynamodb);
    const { Item } = await after.send(new GetItemCommand({ TableName: 'showrunner-dev-events', Key: key, ConsistentRead: true }));
    after.destroy();
    expect(Item?.type).toEqual({ S: 'ShowDrafted' });
  }, 120_000);
});
