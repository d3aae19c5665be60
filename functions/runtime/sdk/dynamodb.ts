import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sdkClient } from '../clients';

export const dynamoDbClient = sdkClient(() => new DynamoDBClient({}));

/** Items as plain objects; undefined attributes are left out rather than refused, as optional fields are. */
export const documentClient = sdkClient(() => DynamoDBDocumentClient.from(dynamoDbClient(), { marshallOptions: { removeUndefinedValues: true } }));
