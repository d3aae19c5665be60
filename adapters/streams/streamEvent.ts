import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';

/**
 * The part of Lambda's DynamoDB Streams event a consumer relies on; the rest is passed over. Images stay in the
 * stream's attribute-value form until `imageOf` unmarshalls them.
 */
export const streamEventSchema = z.object({
  Records: z.array(
    z.looseObject({
      eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
      dynamodb: z.looseObject({
        SequenceNumber: z.string().min(1),
        NewImage: z.record(z.string(), z.unknown()).optional(),
      }),
    }),
  ),
});
export type StreamEvent = z.infer<typeof streamEventSchema>;
export type StreamRecord = StreamEvent['Records'][number];

/**
 * The item a record inserted, as plain values; undefined for anything else. Every table read through a stream
 * here is append-only (events, logs): a MODIFY would be someone else's write, a REMOVE a TTL expiry.
 */
export const insertedItem = (record: StreamRecord): Record<string, unknown> | undefined =>
  record.eventName !== 'INSERT' || record.dynamodb.NewImage === undefined ? undefined : unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
