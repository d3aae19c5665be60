import * as z from 'zod';

/**
 * What Lambda puts in the stream dead-letter queue for a DynamoDB stream batch it gave up on: the invocation record of
 * an on-failure destination, with the batch's coordinates and none of its records. Parsed, not trusted: anything else
 * in the queue is shown as unreadable and never redriven.
 */
export const streamFailureRecordSchema = z.object({
  requestContext: z.object({
    requestId: z.string(),
    functionArn: z.string().regex(/^arn:aws[a-z-]*:lambda:[^:]+:\d{12}:function:[^:]+/, 'must be a Lambda function ARN'),
    condition: z.string(),
    approximateInvokeCount: z.number().int().nonnegative(),
  }),
  responseContext: z.object({ statusCode: z.number().int(), executedVersion: z.string().optional(), functionError: z.string().nullable().optional() }),
  version: z.string(),
  timestamp: z.string(),
  DDBStreamBatchInfo: z.object({
    shardId: z.string().min(1),
    startSequenceNumber: z.string().regex(/^\d+$/),
    endSequenceNumber: z.string().regex(/^\d+$/),
    approximateArrivalOfFirstRecord: z.string(),
    approximateArrivalOfLastRecord: z.string(),
    batchSize: z.number().int().positive(),
    streamArn: z.string().min(1),
  }),
});
export type StreamFailureRecord = z.infer<typeof streamFailureRecordSchema>;

/** The function's name, from its ARN (a version or alias suffix dropped). */
export const functionNameOf = (functionArn: string): string => functionArn.split(':')[6] ?? functionArn;

export const parseStreamFailureRecord = (body: string | undefined): StreamFailureRecord | undefined => {
  try {
    const parsed = streamFailureRecordSchema.safeParse(JSON.parse(body ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};
