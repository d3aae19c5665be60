import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../cloud';
import { lambdaArn } from '../config/naming';
import { toLambdaStreamRecord } from '../streams/lambdaRecord';
import { localCredentials } from '../wiring/endpoints';
import { streamFailureRecord } from './streamFailureRecord';

type Stack = Pick<LocalCloud, 'endpoints' | 'service'>;

const queueUrlOf = (cloud: Stack, logicalId: string): string => {
  const queue = cloud.service.queues.find((q) => q.logicalId === logicalId);
  if (queue === undefined) throw new Error(`serverless.yml declares no queue ${logicalId}`);
  return `${cloud.endpoints.sqs}/${cloud.service.accountId}/${queue.name}`;
};

const withSqs = async <T>(cloud: Stack, use: (client: SQSClient) => Promise<T>): Promise<T> => {
  const client = new SQSClient({ region: cloud.service.region, endpoint: cloud.endpoints.sqs, credentials: localCredentials });
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
};

/** How many messages a queue of the stack holds, visible or not (tests: "no stream batch was given up on"). */
export const messagesInQueue = (cloud: Stack, logicalId: string): Promise<number> =>
  withSqs(cloud, async (client) => {
    const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrlOf(cloud, logicalId), AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  });

/** The first `count` records of a table's stream (its first shard), as Lambda hands them to a consumer. */
const firstStreamRecords = async (cloud: Stack, tableName: string, count: number) => {
  const config = { region: cloud.service.region, endpoint: cloud.endpoints.dynamodb, credentials: localCredentials };
  const dynamodb = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  try {
    const arn = (await dynamodb.send(new DescribeTableCommand({ TableName: tableName }))).Table?.LatestStreamArn ?? '';
    const shardId = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards?.[0]?.ShardId ?? '';
    const iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    const records = (await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: count }))).Records ?? [];
    return { shardId, records: records.map((record) => toLambdaStreamRecord(record, arn, cloud.service.region)) };
  } finally {
    dynamodb.destroy();
    streams.destroy();
  }
};

/**
 * Puts in the stream dead-letter queue what Lambda would after `functionKey` gave up on the first `count` records of
 * `tableName`'s stream (tests: a dead letter without making a consumer fail 21 times). Answers its first sequence number.
 */
export const sendStreamDeadLetter = async (cloud: Stack, options: { functionKey: string; tableName: string; count: number }): Promise<string> => {
  const fn = cloud.service.functions.find((f) => f.key === options.functionKey);
  if (fn === undefined) throw new Error(`serverless.yml declares no function ${options.functionKey}`);
  const { shardId, records } = await firstStreamRecords(cloud, options.tableName, options.count);
  const record = streamFailureRecord(records, { shardId, invokeCount: 21, functionError: true }, { functionArn: lambdaArn(cloud.service, fn.name), now: new Date() });
  await withSqs(cloud, (client) => client.send(new SendMessageCommand({ QueueUrl: queueUrlOf(cloud, 'StreamDeadLetterQueue'), MessageBody: JSON.stringify(record) })));
  return record.DDBStreamBatchInfo.startSequenceNumber;
};
