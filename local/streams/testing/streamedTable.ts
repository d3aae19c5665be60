import { CreateTableCommand, PutItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * A fresh table (hash key `pk`) with a NEW_IMAGE stream on DynamoDB Local, holding `items` written in order, one
 * PutItem each, so its stream carries one INSERT record per item in that order. Answers the table's name.
 */
export const streamedTable = async (dynamodb: DynamoDBClient, prefix: string, items: readonly Record<string, AttributeValue>[]): Promise<string> => {
  const tableName = `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  for (const item of items) await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: item }));
  return tableName;
};
