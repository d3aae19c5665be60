import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as StreamAttributeValue, DynamoDBStreamEvent } from 'aws-lambda';
import { documentClient } from '../sessions/config';
import { alertPublisher } from './alertBus';
import { playerTablesOf, qosConfigOf } from './config';
import { evaluateAlerts } from './evaluateAlerts';
import { eventsOfLogItem } from './playerStore';
import { projectPlayerEvents } from './projectEvents';

// aws-lambda's stream types and the SDK's describe the same wire shape under two declarations.
const asSdkImage = (image: Record<string, StreamAttributeValue>) => image as Record<string, AttributeValue>;

const tables = playerTablesOf(process.env);
const qos = qosConfigOf(process.env);
const client = documentClient();
const publish = alertPublisher(process.env);

/**
 * The player event log's stream -> per-session QoE records -> alert rules over the sessions' windows. A failure
 * fails the batch, which Lambda retries (bisecting); projection and transitions are idempotent, so a retry
 * changes only what the failed attempt did not.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  const events = event.Records.flatMap((record) =>
    record.dynamodb?.NewImage === undefined ? [] : eventsOfLogItem(unmarshall(asSdkImage(record.dynamodb.NewImage))),
  );
  if (events.length === 0) return;
  const touched = await projectPlayerEvents(client, tables, { bucketMinutes: qos.QOS_BUCKET_MINUTES, retentionDays: qos.QOS_RETENTION_DAYS }, events);
  if (qos.QOS_ALERT_RULES.length > 0) {
    await evaluateAlerts({ client, tables, rules: qos.QOS_ALERT_RULES, bucketMinutes: qos.QOS_BUCKET_MINUTES, publish }, touched, new Date().toISOString());
  }
};
