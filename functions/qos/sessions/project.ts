import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as StreamAttributeValue, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { documentClient, sessionTablesOf } from './config';
import { projectSessionFacts } from './projectFacts';
import { factsOfLogItem } from './sessionStore';

// aws-lambda's stream types and the SDK's describe the same wire shape under two declarations.
const asSdkImage = (image: Record<string, StreamAttributeValue>) => image as Record<string, AttributeValue>;

const tables = sessionTablesOf(process.env);
const client = documentClient();

/**
 * Projects the session event log's stream into the viewer sessions read model: one BatchGet of the touched
 * sessions, the pure fold, conditional transactional writes of those that changed. The fold is a join, so a
 * retried batch, a record seen twice or facts in any order end in the same state; the version condition keeps
 * two shards' invocations folding one session at once from losing a fact.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  const facts = event.Records.flatMap((record) =>
    record.dynamodb?.NewImage === undefined ? [] : factsOfLogItem(unmarshall(asSdkImage(record.dynamodb.NewImage))),
  );
  if (facts.length > 0) await projectSessionFacts(client, tables, facts);
};
