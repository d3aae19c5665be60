import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { foldGated, ProjectionContentionError, type GatedFold, type Stored } from './gatedFold';

/** A counter per key, folded behind the gate on the real DynamoDB Local: the sum of the numbers it was given. */
describe('the gated fold', () => {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const table = `gated-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    await db.send(
      new CreateTableCommand({ TableName: table, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }),
    );
  });
  afterAll(async () => {
    await db.send(new DeleteTableCommand({ TableName: table }));
  });

  interface Counter {
    readonly id: string;
    readonly total: number;
  }
  const load = async (keys: readonly string[]) => {
    const result = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys.map((id) => ({ id })), ConsistentRead: true } } }));
    return new Map((result.Responses?.[table] ?? []).map((item) => [item.id as string, { record: { id: item.id as string, total: item.total as number }, version: item.version as number }]));
  };
  const sum = async (id: string, current: Stored<Counter> | undefined, incoming: readonly number[]) =>
    incoming.length === 0 ? undefined : { record: { id, total: (current?.record.total ?? 0) + incoming.reduce((a, b) => a + b, 0) }, version: (current?.version ?? 0) + 1 };
  const counter = (overrides: Partial<GatedFold<number, Counter>> = {}): GatedFold<number, Counter> => ({
    db,
    table,
    load,
    fold: sum,
    toItem: (next) => ({ id: next.record.id, total: next.record.total, version: next.version }),
    ...overrides,
  });
  const totals = async (keys: string[]) => new Map([...(await load(keys))].map(([k, s]) => [k, { total: s.record.total, version: s.version }]));
  const key = () => randomUUID();

  it('writes new and existing records and reports a key with nothing to fold as unchanged', async () => {
    const [a, b] = [key(), key()];
    const first = await foldGated((counter()), new Map([[a, [1, 2]], [b, [5]]]));
    expect([...first.written].map(([k, s]) => [k, s.record.total])).toEqual(expect.arrayContaining([[a, 3], [b, 5]]));
    const second = await foldGated((counter()), new Map([[a, [4]], [b, []]]));
    expect(second.written.get(a)).toEqual({ record: { id: a, total: 7 }, version: 2 });
    expect(second.unchanged.get(b)).toEqual({ record: { id: b, total: 5 }, version: 1 });
    expect(await totals([a, b])).toEqual(new Map([[a, { total: 7, version: 2 }], [b, { total: 5, version: 1 }]]));
  });

  it('loses nothing when writers race on one record: the loser reloads and folds again', async () => {
    const k = key();
    await Promise.all(Array.from({ length: 12 }, (_, i) => foldGated((counter({ maxRounds: 50 })), new Map([[k, [i + 1]]]))));
    expect((await totals([k])).get(k)).toEqual({ total: 78, version: 12 });
  });

  it('folds again from a fresh read when its first read was stale', async () => {
    const k = key();
    await foldGated((counter()), new Map([[k, [1]]]));
    const stale = await load([k]);
    await foldGated((counter()), new Map([[k, [10]]]));
    let reads = 0;
    const report = await foldGated((counter({ load: async (keys) => (reads++ === 0 ? stale : load(keys)) })), new Map([[k, [100]]]));
    expect(reads).toBe(2);
    expect(report.written.get(k)).toEqual({ record: { id: k, total: 111 }, version: 3 });
  });

  it('fails a key whose fold throws, and only that key', async () => {
    const [good, bad] = [key(), key()];
    const failing = counter({ fold: async (k, current, incoming) => { if (k === bad) throw new Error('cannot fold'); return sum(k, current, incoming); } });
    const report = await foldGated((failing), new Map([[good, [1]], [bad, [1]]]));
    expect(report.written.has(good)).toBe(true);
    expect(String(report.failed.get(bad))).toContain('cannot fold');
  });

  it('fails a key that keeps losing its race with a contention error after maxRounds', async () => {
    const k = key();
    await foldGated((counter()), new Map([[k, [1]]]));
    // Always folds from version 0: every write of an existing record fails its gate.
    const report = await foldGated((counter({ maxRounds: 3, load: async () => new Map() })), new Map([[k, [1]]]));
    expect(report.failed.get(k)).toBeInstanceOf(ProjectionContentionError);
    expect((await totals([k])).get(k)).toEqual({ total: 1, version: 1 });
  });

  describe('with companions (a tally kept beside the records, moved in their transactions)', () => {
    const tallyOf = (id: string) => `tally-${id}`;
    /** Each write adds the numbers it folded to its key's tally item: the tally must equal the record's total. */
    const withTally = (overrides: Partial<GatedFold<number, Counter>> = {}) =>
      counter({
        companions: (changes) =>
          changes.map((c) => ({
            Update: { TableName: table, Key: { id: tallyOf(c.next.record.id) }, UpdateExpression: 'ADD tally :by', ExpressionAttributeValues: { ':by': c.next.record.total - (c.previous?.record.total ?? 0) } },
          })),
        ...overrides,
      });
    const tally = async (id: string) => ((await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: [{ id: tallyOf(id) }], ConsistentRead: true } } }))).Responses?.[table]?.[0]?.tally as number | undefined) ?? 0;

    it('given racing writers, moves the companions once per landed write: a cancelled transaction moved none', async () => {
      const k = key();
      await Promise.all(Array.from({ length: 8 }, (_, i) => foldGated(withTally({ maxRounds: 50 }), new Map([[k, [i + 1]]]))));
      expect((await totals([k])).get(k)).toEqual({ total: 36, version: 8 });
      expect(await tally(k)).toBe(36);
    });

    it('when a key folds to nothing (a duplicate), then its companions are not written', async () => {
      const k = key();
      await foldGated(withTally(), new Map([[k, [2]]]));
      await foldGated(withTally(), new Map([[k, []]]));
      expect(await tally(k)).toBe(2);
    });

    it('splits a transaction whose records and companions pass 100 items, writing all', async () => {
      const keys = Array.from({ length: 60 }, key);
      const report = await foldGated(withTally(), new Map(keys.map((k) => [k, [1]])));
      expect(report.written.size).toBe(60);
      expect(await Promise.all(keys.slice(0, 3).map(tally))).toEqual([1, 1, 1]);
    });
  });
});
