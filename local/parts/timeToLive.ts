import { DescribeTimeToLiveCommand, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface TimeToLiveSpec {
  readonly tableName: string;
  readonly attributeName: string;
}

/**
 * Applies serverless.yml's `TimeToLiveSpecification`s to DynamoDB Local, which CreateTable cannot: UpdateTimeToLive,
 * as CloudFormation does after creating the table. A table already enabled on that attribute (a restart) is left.
 * DynamoDB Local then deletes expired items itself, within seconds (AWS: within about 48 hours), so no sweeper is
 * needed (timeToLive.test.ts shows it).
 */
export const applyTimeToLive = async (client: DynamoDBClient, specs: readonly TimeToLiveSpec[]): Promise<string[]> => {
  const applied: string[] = [];
  for (const spec of specs) {
    const { TimeToLiveDescription: current } = await client.send(new DescribeTimeToLiveCommand({ TableName: spec.tableName }));
    if (current?.TimeToLiveStatus === 'ENABLED' && current.AttributeName === spec.attributeName) continue;
    if (current?.TimeToLiveStatus === 'ENABLED') {
      // DynamoDB refuses to enable TTL on a second attribute: the old one is disabled first, as a stack update does.
      await client.send(new UpdateTimeToLiveCommand({ TableName: spec.tableName, TimeToLiveSpecification: { AttributeName: current.AttributeName, Enabled: false } }));
    }
    await client.send(new UpdateTimeToLiveCommand({ TableName: spec.tableName, TimeToLiveSpecification: { AttributeName: spec.attributeName, Enabled: true } }));
    applied.push(spec.tableName);
  }
  return applied;
};
