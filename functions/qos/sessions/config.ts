import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { readConfig } from '../../shared/eventStore';
import type { SessionTables } from './sessionStore';

const schema = z.object({ SESSION_EVENT_LOG_TABLE: z.string().min(1), VIEWER_SESSIONS_TABLE: z.string().min(1) });

export const sessionTablesOf = (env: Readonly<Record<string, string | undefined>>): SessionTables => {
  const config = readConfig(schema, env, 'viewer sessions configuration');
  return { log: config.SESSION_EVENT_LOG_TABLE, sessions: config.VIEWER_SESSIONS_TABLE };
};

/** One document client per container, without undefined attributes (optional session fields stay absent). */
export const documentClient = () => DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
