import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { LocalService } from '../config';
import type { LambdaRuntime } from '../lambda';
import type { LocalSettings } from '../settings';
import { fileCheckpoints } from '../streams/checkpoints';
import { startStreamSubscription, type StreamSubscription } from '../streams/subscription';

/** serverless.yml's DynamoDB stream event sources, each polling its table's stream into its function. */
export const startSubscriptions = (
  service: LocalService,
  settings: LocalSettings,
  deps: { dynamodb: DynamoDBClient; streams: DynamoDBStreamsClient; runtime: LambdaRuntime; log: (line: string) => void },
): StreamSubscription[] => {
  const checkpoints = fileCheckpoints(join(settings.dataDir, 'stream-checkpoints.json'));
  const deadLetters = join(settings.dataDir, 'failed-stream-batches.jsonl');
  return service.streamSubscriptions.map((sub) => {
    const fn = service.functions.find((f) => f.key === sub.functionKey);
    return startStreamSubscription(
      {
        functionName: fn?.name ?? sub.functionKey,
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
        onFailure: (records, reason) => {
          // Lambda's on-failure destination for stream sources gets the batch's coordinates; we keep the records.
          appendFileSync(deadLetters, `${JSON.stringify({ at: new Date().toISOString(), function: fn?.name, reason, records })}\n`);
          deps.log(`stream batch for ${fn?.name ?? sub.functionKey} failed after retries (${reason}); written to ${deadLetters}`);
        },
      },
    );
  });
};
