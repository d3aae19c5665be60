import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { CatalogEntry } from '../../domain/catalog';
import { fromCatalogItem } from './catalogItem';
import { InvalidCursorError } from './catalogQueries';

export interface EntriesPage {
  readonly items: CatalogEntry[];
  readonly nextCursor: string | null;
}

/** One partition of one of the catalogue's sparse indexes, newest (highest sort key) first. */
export interface IndexPartition {
  readonly index: string;
  readonly partitionAttribute: string;
  readonly sortAttribute: string;
  readonly partition: string;
}

/** Opaque to clients: the index key of the last item returned (and which list it is), base64url JSON. */
const decodeCursor = (cursor: string, at: IndexPartition): Record<string, string> => {
  const schema = z.strictObject({ pk: z.string(), [at.sortAttribute]: z.string(), [at.partitionAttribute]: z.literal(at.partition) });
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))) as Record<string, string>;
  } catch {
    throw new InvalidCursorError();
  }
};

const encodeCursor = (item: Record<string, unknown>, at: IndexPartition) =>
  Buffer.from(JSON.stringify({ pk: String(item.pk), [at.sortAttribute]: String(item[at.sortAttribute]), [at.partitionAttribute]: at.partition })).toString('base64url');

/**
 * A page of one index partition: one Query, one more item than asked to know whether a next page exists. A cursor of
 * another partition is refused (InvalidCursorError), so it cannot page someone else's list.
 */
export const queryIndexPage = async (
  db: DynamoDBDocumentClient,
  table: string,
  at: IndexPartition,
  page: { readonly limit: number; readonly cursor?: string | undefined },
): Promise<EntriesPage> => {
  const found =
    (
      await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: at.index,
          KeyConditionExpression: '#partition = :partition',
          ExpressionAttributeNames: { '#partition': at.partitionAttribute },
          ExpressionAttributeValues: { ':partition': at.partition },
          ScanIndexForward: false,
          Limit: page.limit + 1,
          ExclusiveStartKey: page.cursor === undefined ? undefined : decodeCursor(page.cursor, at),
        }),
      )
    ).Items ?? [];
  const items = found.slice(0, page.limit);
  const last = items.at(-1);
  return { items: items.map(fromCatalogItem), nextCursor: found.length > page.limit && last !== undefined ? encodeCursor(last, at) : null };
};
