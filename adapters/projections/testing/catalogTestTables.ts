import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { entryKey, fromCatalogItem } from '../catalogItem';
import { createCatalogTables } from '../catalogTables';

/** A fresh catalogue table (and its engagement table) for one test; both names go on `created` for cleanup. */
export const newCatalogTable = async (client: DynamoDBClient, created: string[]): Promise<string> => {
  const names = { catalog: `catalog-${randomUUID().slice(0, 8)}`, engagement: `engagement-${randomUUID().slice(0, 8)}` };
  await createCatalogTables(client, names);
  created.push(names.catalog, names.engagement);
  return names.catalog;
};

/** These shows' entries in one generation, read consistently; null where a show has none. */
export const catalogEntriesOf = (db: DynamoDBDocumentClient, table: string, generation: number, showIds: readonly string[]) =>
  Promise.all(
    showIds.map(async (showId) => {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: entryKey(generation, showId), ConsistentRead: true }));
      return Item === undefined ? null : fromCatalogItem(Item);
    }),
  );
