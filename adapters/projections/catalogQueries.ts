import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { CatalogEntry, RatingTotals } from '../../domain/catalog';
import { entryKey, fromCatalogItem, listingKey } from './catalogItem';
import { catalogIndexes, listingAttribute, type CatalogListing, type CatalogTableNames } from './catalogTables';
import { totalsKey, totalsOf } from './engagement';

export interface ListShowsQuery {
  readonly genre?: string;
  readonly language?: string;
  /** Words that must all appear in the title or description (case-insensitive, whole words or prefixes). */
  readonly q?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export interface ShowsPage {
  readonly items: CatalogEntry[];
  readonly nextCursor: string | null;
  /** DynamoDB requests this page cost (1 unless `q` filters out most of what a page reads). */
  readonly requests: number;
}

/** Opaque to clients: the index key of the last item returned, base64url JSON. */
const cursorSchema = z.object({ pk: z.string(), listedAt: z.string(), partition: z.string() });

export class InvalidCursorError extends Error {
  constructor() {
    super('the cursor is not one this API returned for this listing: start again without it');
    this.name = 'InvalidCursorError';
  }
}

const decodeCursor = (cursor: string, partition: string) => {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.partition !== partition) throw new InvalidCursorError();
    return parsed;
  } catch {
    throw new InvalidCursorError();
  }
};
const encodeCursor = (value: z.infer<typeof cursorSchema>) => Buffer.from(JSON.stringify(value)).toString('base64url');

const listingFor = (generation: number, query: ListShowsQuery): { listing: CatalogListing; partition: string } => {
  if (query.genre !== undefined && query.language !== undefined) return { listing: 'genreLanguage', partition: listingKey.genreLanguage(generation, query.genre, query.language) };
  if (query.genre !== undefined) return { listing: 'genre', partition: listingKey.genre(generation, query.genre) };
  if (query.language !== undefined) return { listing: 'language', partition: listingKey.language(generation, query.language) };
  return { listing: 'all', partition: listingKey.all(generation) };
};

export const searchTerms = (q: string | undefined): string[] =>
  q === undefined ? [] : [...new Set(q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))].slice(0, 8);

/** Pages a text search may read before answering with what it found and a cursor to go on. */
const maxSearchRequests = 5;

type Key = Record<string, unknown>;
const keyOf = (item: Key) => ({ pk: String(item.pk), listedAt: String(item.listedAt) });

// The cursor names where the last page stopped; the index's key adds the listing's partition attribute.
const cursorStartKey = (cursor: string | undefined, partition: string, partitionAttribute: string): Key | undefined => {
  const cursorKey = cursor === undefined ? undefined : decodeCursor(cursor, partition);
  return cursorKey === undefined ? undefined : { pk: cursorKey.pk, listedAt: cursorKey.listedAt, [partitionAttribute]: partition };
};

/**
 * Published shows, newest first: one Query on the sparse index of the listing (all, genre, language or
 * both), never a Scan. Text search is a filter on that Query (each term must start a word of the title or
 * description), so it may read further pages; it stops after a few and returns a cursor to go on from.
 */
export const listPublishedShows = async (db: DynamoDBDocumentClient, table: string, generation: number, query: ListShowsQuery): Promise<ShowsPage> => {
  const { listing, partition } = listingFor(generation, query);
  const terms = searchTerms(query.q);
  const values: Key = { ':partition': partition, ...Object.fromEntries(terms.map((term, i) => [`:t${i}`, ` ${term}`])) };
  const queryPage = (startKey: Key | undefined, limit: number) =>
    db.send(
      new QueryCommand({
        TableName: table,
        IndexName: catalogIndexes[listing],
        KeyConditionExpression: '#partition = :partition',
        ...(terms.length === 0 ? {} : { FilterExpression: terms.map((_, i) => `contains(searchText, :t${i})`).join(' AND ') }),
        ExpressionAttributeNames: { '#partition': listingAttribute[listing] },
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
  let startKey: Key | undefined = cursorStartKey(query.cursor, partition, listingAttribute[listing]);
  const items: Key[] = [];
  let requests = 0;
  let resumeFrom: { pk: string; listedAt: string } | undefined;
  for (;;) {
    // Without a filter: exactly what is asked plus one, to know whether there is more.
    const page = await queryPage(startKey, terms.length === 0 ? query.limit + 1 - items.length : 100);
    requests += 1;
    const found = page.Items ?? [];
    const room = query.limit - items.length;
    items.push(...found.slice(0, room));
    if (found.length > room || (items.length === query.limit && page.LastEvaluatedKey !== undefined)) {
      resumeFrom = keyOf(items[items.length - 1] as Key);
      break;
    }
    if (page.LastEvaluatedKey === undefined) break;
    startKey = page.LastEvaluatedKey;
    if (requests >= maxSearchRequests) {
      resumeFrom = keyOf(startKey);
      break;
    }
  }
  return { items: items.map(fromCatalogItem), nextCursor: resumeFrom === undefined ? null : encodeCursor({ ...resumeFrom, partition }), requests };
};

/** One show and its engagement totals in one request (BatchGetItem across both tables). */
export const getShowWithTotals = async (
  db: DynamoDBDocumentClient,
  tables: CatalogTableNames,
  generation: number,
  showId: string,
): Promise<{ entry: CatalogEntry; totals: RatingTotals & { likeCount: number } } | undefined> => {
  const answer = await db.send(
    new BatchGetCommand({
      RequestItems: {
        [tables.catalog]: { Keys: [entryKey(generation, showId)] },
        [tables.engagement]: { Keys: [totalsKey(showId)] },
      },
    }),
  );
  const item = answer.Responses?.[tables.catalog]?.[0];
  if (item === undefined) return undefined;
  return { entry: fromCatalogItem(item), totals: totalsOf(answer.Responses?.[tables.engagement]?.[0]) };
};
