import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { parseEventItem } from '../../adapters/eventstore';
import type { EventEnvelope } from '../../events/envelope';

/** The part of Lambda's DynamoDB Streams event the publisher relies on; the rest is passed over. */
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

export type ParsedRecord =
  | { readonly sequenceNumber: string; readonly kind: 'event'; readonly event: EventEnvelope }
  /** Not an appended event (events are immutable: MODIFY/REMOVE would be someone else's write). */
  | { readonly sequenceNumber: string; readonly kind: 'skip' }
  | { readonly sequenceNumber: string; readonly kind: 'invalid'; readonly error: unknown };

/**
 * Each record's stored event, validated as the store validates its reads (`parseEventItem` drops the index
 * attributes first events carry). A record that is not a valid event stays in place as `invalid`, so the
 * caller can stop there and let Lambda's retries and on-failure destination deal with it, in order.
 */
export const parseStreamRecords = (event: StreamEvent): ParsedRecord[] =>
  event.Records.map((record) => {
    const sequenceNumber = record.dynamodb.SequenceNumber;
    if (record.eventName !== 'INSERT' || record.dynamodb.NewImage === undefined) return { sequenceNumber, kind: 'skip' };
    try {
      const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
      return { sequenceNumber, kind: 'event', event: parseEventItem(item) };
    } catch (error) {
      return { sequenceNumber, kind: 'invalid', error };
    }
  });
