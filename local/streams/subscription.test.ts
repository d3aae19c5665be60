import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { inMemoryCheckpoints } from './checkpoints';
import type { LambdaStreamRecord } from './lambdaRecord';
import { startStreamSubscription, type StreamSubscriptionConfig, type StreamSubscription } from './subscription';
import { streamedTable } from './testing/streamedTable';

const dynamodb = new DynamoDBClient({});
const streams = new DynamoDBStreamsClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
const running: StreamSubscription[] = [];

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  dynamodb.destroy();
  streams.destroy();
});

const tableWithItems = (count: number): Promise<string> =>
  streamedTable(dynamodb, 'stream', Array.from({ length: count }, (_, i) => ({ pk: { S: `item-${i + 1}` }, n: { N: String(i + 1) } })));

const itemNumber = (record: LambdaStreamRecord): number => Number(record.dynamodb.NewImage?.n?.N);

const config = (tableName: string, overrides: Partial<StreamSubscriptionConfig> = {}): StreamSubscriptionConfig => ({
  functionName: 'subscriber',
  tableName,
  batchSize: 4,
  startingPosition: 'TRIM_HORIZON',
  maximumRetryAttempts: 3,
  bisectBatchOnFunctionError: false,
  reportBatchItemFailures: true,
  ...overrides,
});

const subscribe = (
  cfg: StreamSubscriptionConfig,
  handler: (records: LambdaStreamRecord[]) => unknown,
  failures: Array<{ records: number[]; reason: string }> = [],
) => {
  const subscription = startStreamSubscription(cfg, {
    dynamodb,
    streams,
    region: 'us-east-1',
    checkpoints: inMemoryCheckpoints(),
    invoke: async (_name, event) => handler(event.Records),
    onFailure: (records, reason) => failures.push({ records: records.map(itemNumber), reason }),
    pollIntervalMs: 20,
    retryDelayMs: () => 1,
  });
  running.push(subscription);
  return subscription;
};

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 20));
  expect(condition()).toBe(true);
};

describe('a DynamoDB stream subscription', () => {
  it('retries a batch from the record the function reported as failed, losing and reordering nothing', async () => {
    const tableName = await tableWithItems(10);
    const handled: number[] = [];
    const invocations: number[][] = [];
    let failedOnce = false;
    subscribe(config(tableName), (records) => {
      invocations.push(records.map(itemNumber));
      const failedAt = records.findIndex((r) => itemNumber(r) === 6);
      if (failedAt >= 0 && !failedOnce) {
        failedOnce = true;
        handled.push(...records.slice(0, failedAt).map(itemNumber));
        return { batchItemFailures: [{ itemIdentifier: records[failedAt]?.dynamodb.SequenceNumber }] };
      }
      handled.push(...records.map(itemNumber));
      return { batchItemFailures: [] };
    });
    await until(() => handled.length >= 10);
    expect(handled).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(invocations).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [6, 7, 8, 9], [10]]);
  });

  it('bisects a batch on a function error until the poison record is isolated, then hands it to the on-failure destination', async () => {
    const tableName = await tableWithItems(4);
    const handled: number[] = [];
    const failures: Array<{ records: number[]; reason: string }> = [];
    subscribe(
      config(tableName, { reportBatchItemFailures: false, bisectBatchOnFunctionError: true, maximumRetryAttempts: 2 }),
      (records) => {
        if (records.some((r) => itemNumber(r) === 1)) throw new Error('poison');
        handled.push(...records.map(itemNumber));
      },
      failures,
    );
    await until(() => handled.length >= 3);
    expect(failures).toEqual([{ records: [1], reason: 'poison' }]);
    expect(handled).toEqual([2, 3, 4]);
  });

  it('resumes after the checkpoint instead of replaying what was handled', async () => {
    const tableName = await tableWithItems(3);
    const checkpoints = inMemoryCheckpoints();
    const seen: number[] = [];
    const deps = {
      dynamodb,
      streams,
      region: 'us-east-1',
      checkpoints,
      invoke: async (_: string, event: { Records: LambdaStreamRecord[] }) => void seen.push(...event.Records.map(itemNumber)),
      onFailure: () => undefined,
      pollIntervalMs: 20,
    };
    const first = startStreamSubscription(config(tableName), deps);
    await until(() => seen.length >= 3);
    await first.stop();
    await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'item-4' }, n: { N: '4' } } }));
    const second = startStreamSubscription(config(tableName), deps);
    running.push(second);
    await until(() => seen.length >= 4);
    await second.idle();
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});
