import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { CatalogEntry } from '../../domain/catalog';
import { creatorKey, fromCatalogItem } from './catalogItem';
import { InvalidCursorError } from './catalogQueries';
import { creatorAttribute, creatorIndex, creatorSortAttribute } from './catalogTables';

export interface CreatorShowsPage {
  readonly items: CatalogEntry[];
  readonly nextCursor: string | null;
}

/** Opaque to clients: the index key of the last item returned (and whose list it is), base64url JSON. */
const cursorSchema = z.strictObject({ pk: z.string(), [creatorSortAttribute]: z.string(), [creatorAttribute]: z.string() });

const decodeCursor = (cursor: string, partition: string): Record<string, string> => {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed[creatorAttribute] !== partition) throw new InvalidCursorError();
    return parsed;
  } catch {
    throw new InvalidCursorError();
  }
};

const encodeCursor = (item: Record<string, unknown>, partition: string) =>
  Buffer.from(JSON.stringify({ pk: String(item.pk), [creatorSortAttribute]: String(item[creatorSortAttribute]), [creatorAttribute]: partition })).toString('base64url');

/**
 * One creator's shows, newest draft first: one Query on the creator index, one more item than asked to know
 * whether a next page exists. A cursor of another creator's list is refused, so it cannot page someone else's.
 */
export const listCreatorShows = async (
  db: DynamoDBDocumentClient,
  table: string,
  generation: number,
  query: { readonly creatorId: string; readonly limit: number; readonly cursor?: string | undefined },
): Promise<CreatorShowsPage> => {
  const partition = creatorKey(generation, query.creatorId);
  const page = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: creatorIndex,
      KeyConditionExpression: '#creator = :creator',
      ExpressionAttributeNames: { '#creator': creatorAttribute },
      ExpressionAttributeValues: { ':creator': partition },
      ScanIndexForward: false,
      Limit: query.limit + 1,
      ExclusiveStartKey: query.cursor === undefined ? undefined : decodeCursor(query.cursor, partition),
    }),
  );
  const found = page.Items ?? [];
  const items = found.slice(0, query.limit);
  const last = items.at(-1);
  return { items: items.map(fromCatalogItem), nextCursor: found.length > query.limit && last !== undefined ? encodeCursor(last, partition) : null };
};
