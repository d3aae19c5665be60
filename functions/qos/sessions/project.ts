import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as StreamAttributeValue, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { foldSessions } from '../../../domain/sessions';
import { documentClient, sessionTablesOf } from './config';
import { factsOfLogItem, loadSessions, saveSessions } from './sessionStore';

// aws-lambda's stream types and the SDK's describe the same wire shape under two declarations.
const asSdkImage = (image: Record<string, StreamAttributeValue>) => image as Record<string, AttributeValue>;

const tables = sessionTablesOf(process.env);
const client = documentClient();

/**
 * Projects the session event log's stream into the viewer sessions read model: one BatchGet of the touched
 * sessions, the pure fold, one BatchWrite of those that changed. The fold is a join, so a retried batch, a
 * record seen twice or facts in any order end in the same state. It relies on one writer per session: stream
 * shards are processed one batch at a time (true locally, one shard); see functions/qos/README.md for AWS.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  const facts = event.Records.flatMap((record) =>
    record.dynamodb?.NewImage === undefined ? [] : factsOfLogItem(unmarshall(asSdkImage(record.dynamodb.NewImage))),
  );
  if (facts.length === 0) return;
  const current = await loadSessions(client, tables, [...new Set(facts.map((fact) => fact.sessionId))]);
  await saveSessions(client, tables, foldSessions(current, facts).values());
};
