import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeEventBusCommand } from '@aws-sdk/client-eventbridge';
import { ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { dynamoDbClient } from '../runtime/sdk/dynamodb';
import { eventBridgeClient } from '../runtime/sdk/eventBridge';
import { sfnClient } from '../runtime/sdk/sfn';
import type { HealthConfig } from './config';

export type PartState = 'up' | 'down';
export type Probe = () => Promise<unknown>;

/**
 * One cheap read per dependency, with the least privilege each needs. On AWS they reach the services; under
 * `npm start` the SDK's AWS_ENDPOINT_URL_* variables point the same calls at the local parts.
 */
export const createProbes = (config: HealthConfig): Record<string, Probe> => {
  const dynamodb = dynamoDbClient();
  const events = eventBridgeClient();
  const sfn = sfnClient();
  return {
    dynamodb: () => dynamodb.send(new DescribeTableCommand({ TableName: config.EVENTS_TABLE })),
    eventbridge: () => events.send(new DescribeEventBusCommand({ Name: config.EVENT_BUS_NAME })),
    sfn: () => sfn.send(new ListStateMachinesCommand({ maxResults: 1 })),
  };
};

export const probeAll = async (probes: Readonly<Record<string, Probe>>): Promise<Record<string, PartState>> => {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => [name, await probe().then((): PartState => 'up', (): PartState => 'down')] as const),
  );
  return Object.fromEntries(entries);
};
