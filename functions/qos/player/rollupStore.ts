import { QueryCommand, type DynamoDBClient, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import {
  aggregateCounterFields, rankKeyOf, rollupResolutions, seriesKeyOf, vstBinUpperMs,
  type QoeAggregate, type RollupCell, type RollupChange, type RollupDimension, type RollupFilter, type RollupResolution,
} from '../../../domain/qos';
import type { PlayerTables } from './config';

/**
 * The rollups table: one item per series (resolution and filter) and period, its aggregate as top-level numbers
 * (counters, and `v<i>` per start-time bin) so a change is one UpdateItem of ADDs. Items filtered on exactly one
 * dimension also carry `rankKey` (`<resolution>|<dimension>|<period>`), the sparse `byRank` index's key: one Query
 * lists every show (country, CDN) of a period, which is what the worst-of lists read.
 */
const binAttribute = (i: number) => `v${i}`;

/** How long each resolution is kept: the finer ones as long as the sessions they come from, days and weeks for a year. */
const retentionDaysOf = (resolution: RollupResolution, sessionRetentionDays: number) => (resolution === '1d' || resolution === '1w' ? 400 : sessionRetentionDays + 2);

/** The UpdateItem of one cell's change: ADD what changed, SET the keys the index reads. */
export const rollupUpdate = (table: string, change: RollupChange, sessionRetentionDays: number) => {
  const { cell, delta } = change;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds: string[] = [];
  const add = (attribute: string, amount: number) => {
    if (amount === 0) return;
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = amount;
    adds.push(`#${attribute} :${attribute}`);
  };
  for (const field of aggregateCounterFields) add(field, delta[field]);
  delta.vst.forEach((n, i) => add(binAttribute(i), n));
  const rank = rankKeyOf(cell.resolution, cell.filter, cell.period);
  const expiresAt = Math.floor(Date.parse(`${cell.period}Z`) / 1000) + retentionDaysOf(cell.resolution, sessionRetentionDays) * 86_400;
  const sets = ['expiresAt = :expiresAt', ...(rank === undefined ? [] : ['rankKey = :rankKey', 'dimensionValue = :dimensionValue'])];
  return {
    TableName: table,
    Key: { series: seriesKeyOf(cell.resolution, cell.filter), period: cell.period },
    UpdateExpression: `SET ${sets.join(', ')}${adds.length === 0 ? '' : ` ADD ${adds.join(', ')}`}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: { ...values, ':expiresAt': expiresAt, ...(rank === undefined ? {} : { ':rankKey': rank.rankKey, ':dimensionValue': rank.value }) },
  };
};

const rollupItemSchema = z.looseObject({ series: z.string(), period: z.string(), dimensionValue: z.string().optional() });

/**
 * An item's counters: absent ones are 0 (an ADD creates only what it touched). Built once: a 30-day worst-of list
 * parses thousands of items, and a schema made per field and item cost most of its time.
 */
const counter = z.number().default(0);
const aggregateItemSchema = z.looseObject({
  ...Object.fromEntries(aggregateCounterFields.map((field) => [field, counter])),
  ...Object.fromEntries(vstBinUpperMs.map((_, i) => [binAttribute(i), counter])),
});

/** An item's aggregate. */
export const aggregateOfItem = (item: Record<string, unknown>): QoeAggregate => {
  const parsed = aggregateItemSchema.parse(item) as Record<string, number>;
  const aggregate: Record<string, unknown> = { vst: vstBinUpperMs.map((_, i) => parsed[binAttribute(i)] ?? 0) };
  for (const field of aggregateCounterFields) aggregate[field] = parsed[field] ?? 0;
  return aggregate as unknown as QoeAggregate;
};

/**
 * Every item of a paginated Query, numbers read as doubles: a week's sums (kbps x ms played by millions of sessions)
 * pass 2^53, which the document client refuses to unmarshall; the nearest double is what the metrics compute with
 * anyway. The document client shares its base client's config and middleware, so it sends the plain command as that
 * client would.
 */
const queryAll = async (client: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExpressionAttributeValues'>, values: Record<string, unknown>): Promise<Record<string, unknown>[]> => {
  const base = client as unknown as DynamoDBClient;
  const items: Record<string, unknown>[] = [];
  let key: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await base.send(new QueryCommand({ ...input, ExpressionAttributeValues: marshall(values), ...(key === undefined ? {} : { ExclusiveStartKey: key }) }));
    items.push(...(page.Items ?? []).map((item) => unmarshall(item, { wrapNumbers: (n) => Number(n) })));
    key = page.LastEvaluatedKey;
  } while (key !== undefined);
  return items;
};

/** One series' stored periods in [first, last]: one paginated Query on the table's key, no Scan. */
export const readSeries = async (client: DynamoDBDocumentClient, tables: PlayerTables, resolution: RollupResolution, filter: RollupFilter, first: string, last: string) => {
  const items = await queryAll(client, {
    TableName: tables.rollups,
    KeyConditionExpression: 'series = :series AND period BETWEEN :first AND :last',
  }, { ':series': seriesKeyOf(resolution, filter), ':first': first, ':last': last });
  return items.map((item) => ({ period: rollupItemSchema.parse(item).period, aggregate: aggregateOfItem(item) }));
};

/** Every value of one dimension in one stored period (one paginated Query on byRank), by value. */
export const readRankPeriod = async (client: DynamoDBDocumentClient, tables: PlayerTables, dimension: RollupDimension, cell: Omit<RollupCell, 'filter'>) => {
  const items = await queryAll(client, {
    TableName: tables.rollups,
    IndexName: 'byRank',
    KeyConditionExpression: 'rankKey = :rankKey',
  }, { ':rankKey': `${cell.resolution}|${dimension}|${cell.period}` });
  return items.map((item) => ({ value: rollupItemSchema.parse(item).dimensionValue ?? '', aggregate: aggregateOfItem(item) }));
};

export const periodMsOf = (resolution: RollupResolution) => rollupResolutions[resolution] * 60_000;
