import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeEventBusCommand } from '@aws-sdk/client-eventbridge';
import { ListJobsCommand } from '@aws-sdk/client-mediaconvert';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { cognitoClient } from '../runtime/sdk/cognito';
import { dynamoDbClient } from '../runtime/sdk/dynamodb';
import { eventBridgeClient } from '../runtime/sdk/eventBridge';
import { mediaConvertClient } from '../runtime/sdk/mediaConvert';
import { s3Client } from '../runtime/sdk/s3';
import { sfnClient } from '../runtime/sdk/sfn';
import { sqsClient } from '../runtime/sdk/sqs';
import type { HealthConfig } from './config';

export type PartState = 'up' | 'down';
export type Probe = () => Promise<unknown>;

/** Any HTTP answer means the gateway is there; only no answer (refused, timed out) is down. */
const answers = (url: string): Promise<unknown> => fetch(url, { signal: AbortSignal.timeout(5_000) }).then((response) => response.arrayBuffer());

/**
 * One cheap read per dependency, with the least privilege each needs. On AWS they reach the services; under
 * `npm start` the SDK's AWS_ENDPOINT_URL_* variables point the same calls at the local parts.
 */
export const createProbes = (config: HealthConfig): Record<string, Probe> => {
  const dynamodb = dynamoDbClient();
  const events = eventBridgeClient();
  const sfn = sfnClient();
  const s3 = s3Client();
  const cognito = cognitoClient();
  const mediaConvert = mediaConvertClient();
  const sqs = sqsClient();
  return {
    dynamodb: () => dynamodb.send(new DescribeTableCommand({ TableName: config.EVENTS_TABLE })),
    eventbridge: () => events.send(new DescribeEventBusCommand({ Name: config.EVENT_BUS_NAME })),
    sfn: () => sfn.send(new ListStateMachinesCommand({ maxResults: 1 })),
    s3: () => s3.send(new HeadBucketCommand({ Bucket: config.MEDIA_BUCKET })),
    cognito: () => cognito.send(new DescribeUserPoolCommand({ UserPoolId: config.USER_POOL_ID })),
    mediaconvert: () => mediaConvert.send(new ListJobsCommand({ MaxResults: 1 })),
    sqs: () => sqs.send(new GetQueueAttributesCommand({ QueueUrl: config.STREAM_DEAD_LETTER_QUEUE_URL, AttributeNames: ['QueueArn'] })),
    ...(config.RAZORPAY_API_URL === undefined ? {} : { payments: () => answers(config.RAZORPAY_API_URL ?? '') }),
  };
};

export const probeAll = async (probes: Readonly<Record<string, Probe>>): Promise<Record<string, PartState>> => {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => [name, await probe().then((): PartState => 'up', (): PartState => 'down')] as const),
  );
  return Object.fromEntries(entries);
};
