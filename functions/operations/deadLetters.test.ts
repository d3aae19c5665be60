import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LambdaFunctionError } from '../../local/lambda';
import { startLocalSqs, type LocalSqs } from '../../local/sqs/part';
import { startLambdaInvokeApi } from '../../local/wiring/lambdaInvokeApi';
import { documentedAnswers } from '../../test/documentedAnswers';
import { callHttp } from '../http/testing/request';
import { lambdaInvoker } from './deadLetters/invoker';
import { sqsDeadLetterQueue } from './deadLetters/queue';
import { dynamoDbStreamRecords } from './deadLetters/streamRecords';
import { deadLettersApi } from './deadLettersApi';

const region = 'eu-west-1';
const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };
const admin = { sub: 'admin-1', groups: '[admin]' };
const operator = { sub: 'operator-1', groups: '[operator]' };
const functionArn = `arn:aws:lambda:${region}:000000000000:function:showrunner-dev-catalogProjector`;
const check = documentedAnswers();

const dynamodb = new DynamoDBClient({});
const streams = new DynamoDBStreamsClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
const dataDir = mkdtempSync(join(tmpdir(), 'showrunner-dead-letters-'));
let sqs: LocalSqs;
let sqsClient: SQSClient;
let lambdaApi: Awaited<ReturnType<typeof startLambdaInvokeApi>>;
let lambdaClient: LambdaClient;
let api: ReturnType<typeof deadLettersApi>;
let stream: { arn: string; shardId: string; sequenceNumbers: string[] };
/** What the consumer does with a replayed batch: the test decides, and sees what it got. */
let consumer: (event: { Records: { dynamodb: { SequenceNumber: string; Keys: Record<string, { S: string }> } }[] }) => unknown;

const failureRecord = (overrides: { shardId?: string; start?: string; end?: string } = {}) => ({
  requestContext: { requestId: 'b8b7d1f6-1c6f-4f39-9a77-0f0b0c0e8f11', functionArn, condition: 'RetryAttemptsExhausted', approximateInvokeCount: 21 },
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  version: '1.0',
  timestamp: '2026-12-03T09:00:00.000Z',
  DDBStreamBatchInfo: {
    shardId: overrides.shardId ?? stream.shardId,
    startSequenceNumber: overrides.start ?? stream.sequenceNumbers[0],
    endSequenceNumber: overrides.end ?? stream.sequenceNumbers[2],
    approximateArrivalOfFirstRecord: '2026-12-03T08:59:00Z',
    approximateArrivalOfLastRecord: '2026-12-03T08:59:01Z',
    batchSize: 3,
    streamArn: stream.arn,
  },
});
const enqueue = async (body: unknown): Promise<string> =>
  (await sqsClient.send(new SendMessageCommand({ QueueUrl: sqs.queueUrl('dead-letters'), MessageBody: typeof body === 'string' ? body : JSON.stringify(body) }))).MessageId ?? '';

const call = async (name: 'listStreamDeadLetters' | 'redriveStreamDeadLetters', user: { sub: string; groups: string }, body?: unknown) => {
  const answer = await callHttp(api[name], { user, ...(body === undefined ? {} : { body }) });
  const routeKey = name === 'listStreamDeadLetters' ? 'GET /operations/stream-dead-letters' : 'POST /operations/stream-dead-letters/redrive';
  const problem = check({ routeKey, status: answer.status, contentType: 'application/json', body: Buffer.from(JSON.stringify(answer.body ?? {})) });
  if (problem !== undefined) throw new Error(problem);
  return answer as { status: number; body: Record<string, unknown> };
};
const listed = async () => (await call('listStreamDeadLetters', operator)).body as { approximateCount: number; items: { messageId: string }[]; unreadable: { messageId: string }[] };

const streamOfNewTable = async () => {
  const tableName = `dead-letters-${Date.now()}`;
  const table = await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'streamId', AttributeType: 'S' }, { AttributeName: 'version', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'streamId', KeyType: 'HASH' }, { AttributeName: 'version', KeyType: 'RANGE' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  for (const version of [1, 2, 3]) await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { streamId: { S: 'show#s-1' }, version: { N: String(version) } } }));
  const arn = table.TableDescription?.LatestStreamArn ?? '';
  const shardId = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards?.[0]?.ShardId ?? '';
  const iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const records = (await streams.send(new GetRecordsCommand({ ShardIterator: iterator }))).Records ?? [];
  return { arn, shardId, sequenceNumbers: records.map((r) => r.dynamodb?.SequenceNumber ?? '') };
};

beforeAll(async () => {
  stream = await streamOfNewTable();
  sqs = await startLocalSqs({ dataDir, region, accountId: '000000000000', queues: [{ logicalId: 'StreamDeadLetterQueue', name: 'dead-letters', attributes: {} }] });
  sqsClient = new SQSClient({ region, endpoint: sqs.endpoint, credentials });
  lambdaApi = await startLambdaInvokeApi(async (name, payload) => {
    if (name !== 'showrunner-dev-catalogProjector') throw new Error(`unexpected function ${name}`);
    return consumer(payload as Parameters<typeof consumer>[0]);
  });
  lambdaClient = new LambdaClient({ region, endpoint: lambdaApi.endpoint, credentials });
  api = deadLettersApi({ queue: sqsDeadLetterQueue(sqsClient, sqs.queueUrl('dead-letters')), records: dynamoDbStreamRecords(streams), invoker: lambdaInvoker(lambdaClient) });
});

afterAll(async () => {
  [dynamodb, streams, sqsClient, lambdaClient].forEach((client) => client.destroy());
  await lambdaApi.stop();
  await sqs.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the stream dead-letter queue (GET /operations/stream-dead-letters, POST .../redrive)', () => {
  it('lists each failed batch with its function, shard, range and the records read back from the stream, without taking it', async () => {
    const messageId = await enqueue(failureRecord());
    const junk = await enqueue('not an invocation record');
    const first = await listed();
    expect(first.items).toEqual([
      expect.objectContaining({
        messageId,
        function: 'showrunner-dev-catalogProjector',
        condition: 'RetryAttemptsExhausted',
        functionError: 'Unhandled',
        invokeCount: 21,
        shardId: stream.shardId,
        startSequenceNumber: stream.sequenceNumbers[0],
        endSequenceNumber: stream.sequenceNumbers[2],
        batchSize: 3,
        records: { retained: true, note: null, items: [1, 2, 3].map((version, i) => ({ sequenceNumber: stream.sequenceNumbers[i], eventName: 'INSERT', keys: { streamId: 'show#s-1', version: String(version) } })) },
      }),
    ]);
    expect(first.unreadable).toEqual([{ messageId: junk, body: 'not an invocation record' }]);
    // Looked at, not taken: the next look (and the alarm) still sees both.
    const again = await listed();
    expect(again.approximateCount).toBe(2);
    expect(again.items.map((item) => item.messageId)).toEqual([messageId]);
  });

  it('is looked at by operators, redriven only by admins', async () => {
    const [item] = (await listed()).items;
    expect((await call('redriveStreamDeadLetters', operator, { messageIds: [item?.messageId] })).status).toBe(403);
  });

  it('keeps the message when the function fails again, and deletes it once the function handled the batch, replayed in order', async () => {
    const [item] = (await listed()).items;
    const messageIds = [item?.messageId ?? ''];
    consumer = () => {
      throw new LambdaFunctionError('showrunner-dev-catalogProjector', 'ProjectionError', 'the catalogue table is gone');
    };
    const failed = await call('redriveStreamDeadLetters', admin, { messageIds });
    expect(failed).toMatchObject({ status: 200, body: { results: [{ messageId: messageIds[0], outcome: 'failed', message: expect.stringContaining('ProjectionError: the catalogue table is gone') }] } });
    expect((await listed()).items.map((i) => i.messageId)).toEqual(messageIds);

    const replayed: string[][] = [];
    consumer = (event) => {
      replayed.push(event.Records.map((r) => `${r.dynamodb.Keys.streamId?.S}@${r.dynamodb.SequenceNumber}`));
      return { batchItemFailures: [] };
    };
    const redriven = await call('redriveStreamDeadLetters', admin, { messageIds });
    expect(redriven.body).toEqual({ results: [{ messageId: messageIds[0], outcome: 'redriven', function: 'showrunner-dev-catalogProjector', recordsReplayed: 3, message: expect.any(String) }] });
    expect(replayed).toEqual([stream.sequenceNumbers.map((sequence) => `show#s-1@${sequence}`)]);
    expect((await listed()).items).toEqual([]);
    const gone = await call('redriveStreamDeadLetters', admin, { messageIds });
    expect(gone).toMatchObject({ status: 404, body: { message: expect.stringContaining('already redriven or deleted') } });
  });

  it('reports a batch the stream no longer holds instead of replaying part of it, and keeps its message', async () => {
    const messageId = await enqueue(failureRecord({ shardId: 'shardId-00000000000000000000-00000000' }));
    const listing = (await listed()).items.find((i) => i.messageId === messageId) as unknown as { records: { retained: boolean; note: string } };
    expect(listing.records).toMatchObject({ retained: false, note: expect.stringContaining('no longer') });
    let invoked = false;
    consumer = () => (invoked = true);
    const answer = await call('redriveStreamDeadLetters', admin, { messageIds: [messageId] });
    expect(answer.body).toMatchObject({ results: [{ messageId, outcome: 'records_missing', missingFrom: stream.sequenceNumbers[0], message: expect.stringContaining('rebuild') }] });
    expect(invoked).toBe(false);
    expect((await listed()).items.map((i) => i.messageId)).toContain(messageId);
  });

  it('refuses a request that names no message, too many, or one twice, saying what to send', async () => {
    const none = await call('redriveStreamDeadLetters', admin, { messageIds: [] });
    expect(none).toMatchObject({ status: 400, body: { message: expect.stringContaining('at least one message') } });
    const twice = await call('redriveStreamDeadLetters', admin, { messageIds: ['m-1', 'm-1'] });
    expect(twice).toMatchObject({ status: 400, body: { message: expect.stringContaining('twice') } });
    const many = await call('redriveStreamDeadLetters', admin, { messageIds: Array.from({ length: 11 }, (_, i) => `m-${i}`) });
    expect(many).toMatchObject({ status: 400, body: { message: expect.stringContaining('at most 10') } });
  });
});
