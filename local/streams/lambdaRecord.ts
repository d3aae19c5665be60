import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';

/**
 * The record shape Lambda hands a DynamoDB Streams subscriber. The streams API answers with Date objects and
 * typed attribute values; Lambda's event carries epoch seconds and the same attribute-value JSON.
 */
export const toLambdaStreamRecord = (record: StreamRecord, eventSourceARN: string, awsRegion: string) => ({
  eventID: record.eventID,
  eventName: record.eventName,
  eventVersion: record.eventVersion ?? '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion,
  dynamodb: {
    ...record.dynamodb,
    ApproximateCreationDateTime:
      record.dynamodb?.ApproximateCreationDateTime instanceof Date
        ? Math.floor(record.dynamodb.ApproximateCreationDateTime.getTime() / 1000)
        : record.dynamodb?.ApproximateCreationDateTime,
  },
  eventSourceARN,
});

export type LambdaStreamRecord = ReturnType<typeof toLambdaStreamRecord>;
