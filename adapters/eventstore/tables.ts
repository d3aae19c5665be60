import { CreateTableCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface EventStoreTableNames {
  readonly events: string;
  readonly snapshots: string;
}

export const streamsByCategoryIndex = 'streamsByCategory';

/** The events table exactly as serverless.yml declares it (a test compares the two). */
export const eventsTableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'streamId', AttributeType: 'S' },
    { AttributeName: 'version', AttributeType: 'N' },
    { AttributeName: 'categoryShard', AttributeType: 'S' },
    { AttributeName: 'startedAt', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'streamId', KeyType: 'HASH' },
    { AttributeName: 'version', KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: streamsByCategoryIndex,
      KeySchema: [
        { AttributeName: 'categoryShard', KeyType: 'HASH' },
        { AttributeName: 'startedAt', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    },
  ],
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
});

export const snapshotsTableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'streamId', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'streamId', KeyType: 'HASH' }],
});

/** Creates both tables (for tests and the local stack; on AWS, serverless.yml creates them). */
export const createEventStoreTables = async (client: DynamoDBClient, names: EventStoreTableNames): Promise<void> => {
  await Promise.all([
    client.send(new CreateTableCommand(eventsTableDefinition(names.events))),
    client.send(new CreateTableCommand(snapshotsTableDefinition(names.snapshots))),
  ]);
};
