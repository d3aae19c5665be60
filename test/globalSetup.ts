import { startDynamoDbLocal } from '../local/parts/dynamodbLocal';

/**
 * One in-memory DynamoDB Local for the whole test run; each suite creates its own uniquely named tables.
 * Workers inherit the endpoint through the variable the AWS SDK itself reads.
 */
export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynamoDbLocal();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  (globalThis as { __dynamoDbLocal?: { stop(): Promise<void> } }).__dynamoDbLocal = dynamo;
}
