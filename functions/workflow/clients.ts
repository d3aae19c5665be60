import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// One client of each per container, created on first use: most functions need only one or two of them.
let sfn: SFNClient | undefined;
let documents: DynamoDBDocumentClient | undefined;
let events: EventBridgeClient | undefined;

export const sfnClient = (): SFNClient => (sfn ??= new SFNClient({}));
export const documentClient = (): DynamoDBDocumentClient => (documents ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }));
export const eventBridgeClient = (): EventBridgeClient => (events ??= new EventBridgeClient({}));
