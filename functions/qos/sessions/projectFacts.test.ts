import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Session, SessionFact } from '../../../domain/sessions';
import { createServiceTables } from '../../../test/serviceTables';
import { projectSessionFacts } from './projectFacts';
import { loadSessions, type SessionTables } from './sessionStore';

/**
 * The race of two stream shards on AWS: a projector folds a session from a read another projector has already
 * made stale. Against the real DynamoDB Local; the stale read is what a racing writer sees, handed in directly.
 */
describe('projecting session facts with per-session versions', () => {
  const raw = new DynamoDBClient({});
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  const tables: SessionTables = { log: 'unused', sessions: `sessions-${randomUUID()}`, insights: 'created below' };
  const player = 'c3'.repeat(16);
  const sid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const start = (n: number): SessionFact => ({ kind: 'start', sessionId: sid(n), playerId: player, country: 'PT', ts: '2026-11-20T10:00:00.000000' });
  const end = (n: number): SessionFact => ({ kind: 'end', sessionId: sid(n), playerId: player, ts: '2026-11-20T10:30:00.000000' });

  beforeAll(async () => {
    // The projector moves the insight counters with the sessions: it needs their table too.
    const insights = await createServiceTables(raw, ['session-insights'] as const);
    Object.assign(tables, { insights: insights.names['session-insights'] });
    await client.send(
      new CreateTableCommand({
        TableName: tables.sessions,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'sessionId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'sessionId', KeyType: 'HASH' }],
      }),
    );
  });

  it('keeps both facts when one writer folds from a read the other made stale', async () => {
    const ids = [1, 2, 3].map(sid);
    await projectSessionFacts(client, tables, [1, 2, 3].map(start));
    const staleRead = await loadSessions(client, tables, ids);
    // Another shard's invocation lands the ends of sessions 1 and 2 first.
    await projectSessionFacts(client, tables, [end(1), end(2)]);
    let reads = 0;
    const staleFirst = (wanted: readonly string[]) => (reads++ === 0 ? Promise.resolve(staleRead) : loadSessions(client, tables, wanted));
    // This one folds an earlier start of session 1, a duplicate start of 2 and the end of 3 from the stale read:
    // its write of session 1 must not erase the end written meanwhile.
    const earlierStart: SessionFact = { ...start(1), ts: '2026-11-20T09:59:00.000000' };
    await projectSessionFacts(client, tables, [earlierStart, end(3), start(2)], staleFirst);
    expect(reads).toBeGreaterThan(1);
    const stored = await loadSessions(client, tables, ids);
    const completed = (n: number): Session => ({ sessionId: sid(n), playerId: player, country: 'PT', startTs: start(n).ts, endTs: end(n).ts });
    const records = [...stored.values()].map((v) => v.record).sort((a, b) => a.sessionId.localeCompare(b.sessionId));
    expect(records).toEqual([{ ...completed(1), startTs: earlierStart.ts }, completed(2), completed(3)]);
  });

  it('lets concurrent projectors of the same sessions all land', async () => {
    const ns = Array.from({ length: 30 }, (_, i) => 100 + i);
    await Promise.all([projectSessionFacts(client, tables, ns.map(start)), projectSessionFacts(client, tables, ns.map(end))]);
    const stored = await loadSessions(client, tables, ns.map(sid));
    expect([...stored.values()].filter((v) => v.record.startTs !== undefined && v.record.endTs !== undefined)).toHaveLength(30);
  });
});
