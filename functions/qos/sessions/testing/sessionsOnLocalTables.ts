import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createServiceTables } from '../../../../test/serviceTables';
import { sessionsApi } from '../api';
import type { SessionDeps } from '../deps';

export interface SessionsOnLocalTables {
  readonly client: DynamoDBClient;
  readonly db: DynamoDBDocumentClient;
  readonly deps: SessionDeps;
  readonly api: ReturnType<typeof sessionsApi>;
}

/**
 * The sessions functions over their ports on fresh DynamoDB Local tables (the log, the sessions, the insights) and a
 * clock fixed at `now`, no stack: created before the file's tests, dropped after them. Read its fields inside tests.
 */
export const sessionsOnLocalTables = (now: string): SessionsOnLocalTables => {
  const client = new DynamoDBClient({});
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const ready: { deps?: SessionDeps; api?: ReturnType<typeof sessionsApi> } = {};
  let dispose: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const tables = await createServiceTables(client, ['session-event-log', 'viewer-sessions', 'session-insights'] as const);
    dispose = tables.dispose;
    ready.deps = {
      db,
      tables: { log: tables.names['session-event-log'], sessions: tables.names['viewer-sessions'], insights: tables.names['session-insights'] },
      ingress: { QOS_API_KEY: undefined, QOS_MAX_BODY_BYTES: 262_144, QOS_RATE_LIMIT_PER_SECOND: 0 },
      clock: () => new Date(now),
    };
    ready.api = sessionsApi(ready.deps);
  });
  afterAll(async () => {
    await dispose();
    client.destroy();
  });
  const required = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('sessionsOnLocalTables: read its fields inside a test, after beforeAll');
    return value;
  };
  return {
    client,
    db,
    get deps() {
      return required(ready.deps);
    },
    get api() {
      return required(ready.api);
    },
  };
};
