import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { loadServerlessConfig } from '../config';
import { applyTimeToLive } from './timeToLive';

describe('TTL on the local tables', () => {
  const client = new DynamoDBClient({});
  const tableName = `ttl-${randomUUID().slice(0, 8)}`;
  const spec = { tableName, attributeName: 'expiresAt' };
  const item = (pk: string, expiresAt?: { N: string } | { S: string }) => ({ TableName: tableName, Item: { pk: { S: pk }, sk: { S: 'x' }, ...(expiresAt === undefined ? {} : { expiresAt }) } });

  beforeAll(async () => {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  });
  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
    client.destroy();
  });

  it("reads serverless.yml's TimeToLiveSpecification for the tables that declare one", async () => {
    const service = await loadServerlessConfig({ serviceDir: join(dirname(__dirname), '..') });
    expect(service.timeToLive).toContainEqual({ tableName: 'showrunner-dev-qos-alerts', attributeName: 'expiresAt' });
    expect(service.timeToLive.map((t) => t.tableName)).not.toContain('showrunner-dev-events');
  });

  it('enables TTL on the declared attribute, as describe-time-to-live then says, and leaves it alone at the next start', async () => {
    expect(await applyTimeToLive(client, [spec])).toEqual([tableName]);
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    expect(await applyTimeToLive(client, [spec])).toEqual([]);
  });

  it('has DynamoDB Local delete an expired item by itself, and keep the ones not yet expired or without the attribute', async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    await client.send(new PutItemCommand(item('expired', { N: String(nowSeconds - 60) })));
    await client.send(new PutItemCommand(item('later', { N: String(nowSeconds + 3600) })));
    await client.send(new PutItemCommand(item('no-ttl')));
    const keys = async () => ((await client.send(new ScanCommand({ TableName: tableName }))).Items ?? []).map((i) => i.pk?.S).sort();
    let present = await keys();
    for (let i = 0; i < 55 && present.includes('expired'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      present = await keys();
    }
    expect(present).toEqual(['later', 'no-ttl']);
  }, 70_000);
});
