import { marshall } from '@aws-sdk/util-dynamodb';

/** A DynamoDB Streams event inserting these items, sequence numbers 1, 2, ... (as Lambda delivers one). */
export const streamEventOf = (items: readonly Record<string, unknown>[]) => ({
  Records: items.map((item, i) => ({
    eventID: String(i + 1),
    eventName: 'INSERT' as const,
    eventSource: 'aws:dynamodb',
    dynamodb: { SequenceNumber: String(i + 1), NewImage: marshall(item, { removeUndefinedValues: true }) },
  })),
});
