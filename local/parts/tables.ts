import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * A table kept from an earlier run gets the global secondary indexes serverless.yml added since, one UpdateTable each,
 * as a CloudFormation update adds them (DynamoDB backfills an index from the items already there).
 */
const addMissingIndexes = async (client: DynamoDBClient, table: CreateTableCommandInput): Promise<void> => {
  const existing = await client.send(new DescribeTableCommand({ TableName: table.TableName }));
  const present = new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of table.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: table.TableName,
        AttributeDefinitions: table.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection, ...(index.ProvisionedThroughput === undefined ? {} : { ProvisionedThroughput: index.ProvisionedThroughput }) } }],
      }),
    );
  }
};

/** Creates each table serverless.yml declares; one that exists already (a restart on kept data) keeps its items. */
export const ensureTables = async (client: DynamoDBClient, tables: readonly CreateTableCommandInput[]): Promise<string[]> => {
  const created: string[] = [];
  for (const table of tables) {
    try {
      await client.send(new CreateTableCommand(table));
      created.push(table.TableName ?? '');
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      await addMissingIndexes(client, table);
    }
  }
  return created;
};
