import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventEnvelope } from '../../events/envelope';
import { parseEventItem } from './eventItem';

export interface ReadStreamOptions {
  /** First version to return (default 1). */
  readonly fromVersion?: number;
  /** Items per Query page; DynamoDB also stops a page at 1 MB. */
  readonly pageSize?: number;
}

export interface ReadStreamResult {
  readonly events: EventEnvelope[];
  /** Items DynamoDB returned: what a read costs, whatever the clock says. */
  readonly itemsRead: number;
}

/** Reads a stream in order with consistent reads, so a writer sees its own and everyone's acknowledged appends. */
export const readStream = async (
  db: DynamoDBDocumentClient,
  table: string,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<ReadStreamResult> => {
  const events: EventEnvelope[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'streamId = :s AND version >= :v',
        ExpressionAttributeValues: { ':s': streamId, ':v': options.fromVersion ?? 1 },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
        Limit: options.pageSize,
      }),
    );
    for (const item of page.Items ?? []) events.push(parseEventItem(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return { events, itemsRead: events.length };
};

/** The stream's head version (0 if there is no stream): one consistent, one-item Query from the end. */
export const readHeadVersion = async (db: DynamoDBDocumentClient, table: string, streamId: string): Promise<number> => {
  const page = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'streamId = :s',
      ExpressionAttributeValues: { ':s': streamId },
      ProjectionExpression: 'version',
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const head = page.Items?.[0]?.version;
  return typeof head === 'number' ? head : 0;
};
