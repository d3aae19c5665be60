import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { creatorKey, needsHandKey } from './catalogItem';
import { creatorAttribute, creatorIndex, creatorSortAttribute, needsHandAttribute, needsHandIndex, needsHandSortAttribute } from './catalogTables';
import { queryIndexPage, type EntriesPage } from './indexPages';

export type CreatorShowsPage = EntriesPage;

/** One creator's shows, newest draft first: one Query on the creator index. */
export const listCreatorShows = (
  db: DynamoDBDocumentClient,
  table: string,
  generation: number,
  query: { readonly creatorId: string; readonly limit: number; readonly cursor?: string | undefined },
): Promise<CreatorShowsPage> =>
  queryIndexPage(db, table, { index: creatorIndex, partitionAttribute: creatorAttribute, sortAttribute: creatorSortAttribute, partition: creatorKey(generation, query.creatorId) }, query);

/** Shows that need a hand (failed, rejected), most recently changed first: one Query on their sparse index, never a Scan. */
export const listShowsNeedingHand = (
  db: DynamoDBDocumentClient,
  table: string,
  generation: number,
  page: { readonly limit: number; readonly cursor?: string | undefined },
): Promise<EntriesPage> =>
  queryIndexPage(db, table, { index: needsHandIndex, partitionAttribute: needsHandAttribute, sortAttribute: needsHandSortAttribute, partition: needsHandKey(generation) }, page);
