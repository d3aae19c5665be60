import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, NumberValue, PutCommand } from '@aws-sdk/lib-dynamodb';
import { rankKeyOf, seriesKeyOf } from '../../../domain/qos';
import { createServiceTables } from '../../../test/serviceTables';
import type { PlayerTables } from './config';
import { readRankPeriod, readSeries } from './rollupStore';

/**
 * The rollups' reads on DynamoDB Local: a week of a big CDN's traffic sums kbps x ms played past 2^53, which the
 * document client refuses to read as a number; the reads answer it (as the nearest double) beside the exact counters.
 */
const raw = new DynamoDBClient({});
const db = DynamoDBDocumentClient.from(raw);
let tables: Awaited<ReturnType<typeof createServiceTables<'qos-rollups'>>>;
let playerTables: PlayerTables;

const big = '21772800000000000';
const filter = { cdn: 'cdn-a' };
const period = '2026-11-23T00:00';

beforeAll(async () => {
  tables = await createServiceTables(raw, ['qos-rollups'] as const);
  playerTables = { log: 'unused', sessions: 'unused', alerts: 'unused', rollups: tables.names['qos-rollups'] };
  const rank = rankKeyOf('1w', filter, period);
  await db.send(new PutCommand({
    TableName: playerTables.rollups,
    Item: { series: seriesKeyOf('1w', filter), period, rankKey: rank?.rankKey, dimensionValue: rank?.value, attempts: 12_096_000, plays: 12_000_000, playMs: 7_257_600_000_000, bitrateKbpsMs: NumberValue.from(big), v3: 5 },
  }));
});

afterAll(async () => {
  await tables.dispose();
  raw.destroy();
});

describe('rollup reads', () => {
  it('read a sum past 2^53 as the nearest number, the other counters exactly and absent ones as 0', async () => {
    const [ranked] = await readRankPeriod(db, playerTables, 'cdn', { resolution: '1w', period });
    const [series] = await readSeries(db, playerTables, '1w', filter, period, period);
    for (const aggregate of [ranked?.aggregate, series?.aggregate]) {
      expect(aggregate).toMatchObject({ attempts: 12_096_000, plays: 12_000_000, playMs: 7_257_600_000_000, bitrateKbpsMs: Number(big), failures: 0 });
      expect(aggregate?.vst[3]).toBe(5);
    }
    expect(ranked?.value).toBe('cdn-a');
  });
});
