import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

describe('the DynamoDB Local started for the test run', () => {
  it('is reachable through AWS_ENDPOINT_URL_DYNAMODB with no endpoint in code', async () => {
    const client = new DynamoDBClient({});
    const name = `probe-${process.pid}-${Date.now()}`;
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    const tables = await client.send(new ListTablesCommand({}));
    expect(tables.TableNames).toContain(name);
    client.destroy();
  });
});
