import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { LocalService } from '../config';
import { lambdaArn } from '../config/naming';
import type { LambdaRuntime } from '../lambda';
import type { LocalSettings } from '../settings';
import type { QueueDestination } from '../sqs/destination';
import { streamFailureRecord } from '../sqs/streamFailureRecord';
import { fileCheckpoints } from '../streams/checkpoints';
import { startStreamSubscription, type StreamSubscription } from '../streams/subscription';

/** serverless.yml's DynamoDB stream event sources, each polling its table's stream into its function. */
export const startSubscriptions = (
  service: LocalService,
  settings: LocalSettings,
  deps: { dynamodb: DynamoDBClient; streams: DynamoDBStreamsClient; runtime: LambdaRuntime; onFailureDestination: QueueDestination; log: (line: string) => void },
): StreamSubscription[] => {
  const checkpoints = fileCheckpoints(join(settings.dataDir, 'stream-checkpoints.json'));
  return service.streamSubscriptions.map((sub) => {
    const fn = service.functions.find((f) => f.key === sub.functionKey);
    const functionName = fn?.name ?? sub.functionKey;
    return startStreamSubscription(
      {
        functionName,
        tableName: sub.tableName,
        batchSize: sub.batchSize,
        startingPosition: sub.startingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
        maximumRetryAttempts: sub.maximumRetryAttempts,
        bisectBatchOnFunctionError: sub.bisectBatchOnFunctionError,
        reportBatchItemFailures: sub.functionResponseType === 'ReportBatchItemFailures',
      },
      {
        dynamodb: deps.dynamodb,
        streams: deps.streams,
        region: service.region,
        checkpoints,
        invoke: (name, event) => deps.runtime.invoke(name, event),
        // As Lambda does: the destination gets the batch's coordinates (its records stay in the stream), and the shard
        // moves on only once SQS has taken the message. Without a destination the batch is dropped, as on AWS.
        onFailure: async (records, reason, batch) => {
          deps.log(`stream batch of ${records.length} for ${functionName} failed after ${batch.invokeCount} attempts (${reason})`);
          if (sub.onFailure === undefined) return;
          const record = streamFailureRecord(records, batch, { functionArn: lambdaArn(service, functionName), now: new Date() });
          await deps.onFailureDestination(sub.onFailure, record);
        },
      },
    );
  });
};
