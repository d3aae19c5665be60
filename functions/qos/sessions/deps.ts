import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock, type Clock } from '../../runtime/clock';
import type { Env } from '../../runtime/config';
import { documentClient } from '../../runtime/sdk/dynamodb';
import { readIngressConfig, type IngressConfig } from '../ingress';
import { sessionTablesOf } from './config';
import type { SessionTables } from './sessionStore';

/** The ports of the viewer sessions functions: each function's entry module (entries/) wires them to this container, tests to their own tables. */
export interface SessionDeps {
  readonly db: DynamoDBDocumentClient;
  readonly tables: SessionTables;
  readonly ingress: IngressConfig;
  readonly clock: Clock;
}

/** The viewer sessions ports from this container's environment: read once, at load, by each function's entry module (entries/). */
export const sessionDeps = (env: Env = process.env): SessionDeps => ({
  db: documentClient(),
  tables: sessionTablesOf(env),
  ingress: readIngressConfig(env),
  clock: systemClock,
});
