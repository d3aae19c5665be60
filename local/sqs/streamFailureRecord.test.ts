import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { inMemoryCheckpoints } from '../streams/checkpoints';
import { startStreamSubscription } from '../streams/subscription';
import { streamedTable } from '../streams/testing/streamedTable';
import { queueDestination } from './destination';
import { startLocalSqs } from './part';
import { streamFailureRecord } from './streamFailureRecord';

const region = 'eu-west-1';
const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };
const dynamodb = new DynamoDBClient({});
const streams = new DynamoDBStreamsClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });

describe('the invocation record of a failed stream batch', () => {
  const record = (sequenceNumber: string, seconds: number) => ({
    eventID: sequenceNumber,
    eventName: 'INSERT' as const,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: { SequenceNumber: sequenceNumber, ApproximateCreationDateTime: seconds },
    eventSourceARN: 'arn:aws:dynamodb:eu-west-1:000000000000:table/events/stream/2026-12-03T00:00:00.000',
  });

  it('says no function error when the function answered with batch item failures, and gives arrival times in whole seconds', () => {
    const failure = streamFailureRecord([record('100', 1796290000), record('105', 1796290007)], { shardId: 'shardId-1', invokeCount: 21, functionError: false }, {
      functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:publisher',
      now: new Date('2026-12-03T10:00:00.000Z'),
      requestId: 'req-2',
    });
    expect(failure.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST' });
    expect(failure.DDBStreamBatchInfo).toEqual({
      shardId: 'shardId-1',
      startSequenceNumber: '100',
      endSequenceNumber: '105',
      approximateArrivalOfFirstRecord: '2026-12-03T09:26:40Z',
      approximateArrivalOfLastRecord: '2026-12-03T09:26:47Z',
      batchSize: 2,
      streamArn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/events/stream/2026-12-03T00:00:00.000',
    });
  });
});

describe("a stream batch that spent its retries, at the subscription's SQS on-failure destination", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'showrunner-dlq-'));
  afterAll(() => {
    dynamodb.destroy();
    streams.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is Lambda's invocation record: the function, the condition, the shard and sequence range, the batch size; no records", async () => {
    const tableName = await streamedTable(dynamodb, 'dlq', ['a', 'b', 'c'].map((pk) => ({ pk: { S: pk }, secret: { S: `payload-${pk}` } })));
    const sqs = await startLocalSqs({ dataDir, region, accountId: '000000000000', queues: [{ logicalId: 'Dlq', name: 'dead-letters', attributes: {} }] });
    const destination = queueDestination(sqs, region, credentials);
    const client = new SQSClient({ region, endpoint: sqs.endpoint, credentials });
    const sequenceNumbers: string[] = [];
    let invocations = 0;
    const subscription = startStreamSubscription(
      { functionName: 'showrunner-dev-projector', tableName, batchSize: 10, startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 2, bisectBatchOnFunctionError: false, reportBatchItemFailures: true },
      {
        dynamodb,
        streams,
        region,
        checkpoints: inMemoryCheckpoints(),
        invoke: async (_name, event) => {
          invocations += 1;
          if (sequenceNumbers.length === 0) sequenceNumbers.push(...event.Records.map((r) => r.dynamodb.SequenceNumber ?? ''));
          throw new Error('projection failed');
        },
        onFailure: (records, _reason, batch) =>
          destination.send('arn:aws:sqs:eu-west-1:000000000000:dead-letters', streamFailureRecord(records, batch, { functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:showrunner-dev-projector', now: new Date('2026-12-03T10:00:00.000Z'), requestId: 'req-1' })),
        pollIntervalMs: 20,
        retryDelayMs: () => 1,
      },
    );
    try {
      let messages: { Body?: string }[] = [];
      for (let i = 0; i < 200 && messages.length === 0; i += 1) {
        messages = (await client.send(new ReceiveMessageCommand({ QueueUrl: sqs.queueUrl('dead-letters'), VisibilityTimeout: 0, WaitTimeSeconds: 1 }))).Messages ?? [];
      }
      expect(messages).toHaveLength(1);
      const body = JSON.parse(messages[0]?.Body ?? '{}') as Record<string, unknown>;
      expect(body).toEqual({
        requestContext: { requestId: 'req-1', functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:showrunner-dev-projector', condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        version: '1.0',
        timestamp: '2026-12-03T10:00:00.000Z',
        DDBStreamBatchInfo: {
          shardId: expect.stringMatching(/^shardId-/),
          startSequenceNumber: sequenceNumbers[0],
          endSequenceNumber: sequenceNumbers[2],
          approximateArrivalOfFirstRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          approximateArrivalOfLastRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          batchSize: 3,
          streamArn: expect.stringContaining(`table/${tableName}/stream/`),
        },
      });
      expect(JSON.stringify(body)).not.toContain('payload-');
      expect(invocations).toBe(3);
    } finally {
      await subscription.stop();
      client.destroy();
      destination.close();
      await sqs.stop();
    }
  });
});
