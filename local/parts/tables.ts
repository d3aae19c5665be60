import { CreateTableCommand, ResourceInUseException, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Creates each table serverless.yml declares; one that exists already (a restart on kept data) is left as it is. */
export const ensureTables = async (client: DynamoDBClient, tables: readonly CreateTableCommandInput[]): Promise<string[]> => {
  const created: string[] = [];
  for (const table of tables) {
    try {
      await client.send(new CreateTableCommand(table));
      created.push(table.TableName ?? '');
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  return created;
};
