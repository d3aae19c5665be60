import { randomUUID } from 'node:crypto';
import type { LambdaStreamRecord } from '../streams/lambdaRecord';
import type { FailedBatchContext } from '../streams/subscription';

/** What Lambda sends an SQS on-failure destination for a DynamoDB stream batch it gave up on: coordinates, never records. */
export interface StreamFailureRecord {
  readonly requestContext: { readonly requestId: string; readonly functionArn: string; readonly condition: 'RetryAttemptsExhausted'; readonly approximateInvokeCount: number };
  readonly responseContext: { readonly statusCode: number; readonly executedVersion: string; readonly functionError?: 'Unhandled' };
  readonly version: '1.0';
  readonly timestamp: string;
  readonly DDBStreamBatchInfo: {
    readonly shardId: string;
    readonly startSequenceNumber: string;
    readonly endSequenceNumber: string;
    readonly approximateArrivalOfFirstRecord: string;
    readonly approximateArrivalOfLastRecord: string;
    readonly batchSize: number;
    readonly streamArn: string;
  };
}

// DynamoDB's arrival times are whole seconds (Kinesis's carry milliseconds): "2019-11-14T00:13:19Z".
const arrival = (record: LambdaStreamRecord | undefined): string => {
  const seconds = record?.dynamodb.ApproximateCreationDateTime;
  return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
};

/**
 * The invocation record of a failed batch, as Lambda's event source mapping writes it when the retry attempts are spent
 * (`condition: RetryAttemptsExhausted`). The batch is `records` in stream order; `functionError` is set only when the
 * function failed, not when it answered with batch item failures.
 */
export const streamFailureRecord = (
  records: readonly LambdaStreamRecord[],
  batch: FailedBatchContext,
  context: { readonly functionArn: string; readonly now: Date; readonly requestId?: string },
): StreamFailureRecord => {
  const first = records[0];
  const last = records.at(-1);
  return {
    requestContext: { requestId: context.requestId ?? randomUUID(), functionArn: context.functionArn, condition: 'RetryAttemptsExhausted', approximateInvokeCount: batch.invokeCount },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(batch.functionError ? { functionError: 'Unhandled' as const } : {}) },
    version: '1.0',
    timestamp: context.now.toISOString(),
    DDBStreamBatchInfo: {
      shardId: batch.shardId,
      startSequenceNumber: first?.dynamodb.SequenceNumber ?? '',
      endSequenceNumber: last?.dynamodb.SequenceNumber ?? '',
      approximateArrivalOfFirstRecord: arrival(first),
      approximateArrivalOfLastRecord: arrival(last),
      batchSize: records.length,
      streamArn: first?.eventSourceARN ?? '',
    },
  };
};
