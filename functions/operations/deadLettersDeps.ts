import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import * as z from 'zod';
import { sdkClient } from '../runtime/clients';
import { systemClock } from '../runtime/clock';
import { readConfig, type Env } from '../runtime/config';
import { sqsClient } from '../runtime/sdk/sqs';
import { lambdaInvoker } from './deadLetters/invoker';
import { sqsDeadLetterQueue } from './deadLetters/queue';
import { dynamoDbStreamRecords } from './deadLetters/streamRecords';
import type { DeadLettersDeps } from './deadLettersApi';

const configSchema = z.object({ STREAM_DEAD_LETTER_QUEUE_URL: z.url('must be the queue URL (!Ref StreamDeadLetterQueue)') });

const streamsClient = sdkClient(() => new DynamoDBStreamsClient({}));
const lambdaClient = sdkClient(() => new LambdaClient({}));

/** The dead-letter routes' ports from this container's environment: called once, at load. */
export const deadLettersDeps = (env: Env = process.env): DeadLettersDeps => {
  const config = readConfig(configSchema, env, 'stream dead-letter configuration');
  return {
    queue: sqsDeadLetterQueue(sqsClient(), config.STREAM_DEAD_LETTER_QUEUE_URL),
    records: dynamoDbStreamRecords(streamsClient()),
    invoker: lambdaInvoker(lambdaClient()),
    clock: systemClock,
  };
};
