import { CreateTableCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface CatalogTableNames {
  /** The catalogue read model (every generation of it) and the pointer to the live generation. */
  readonly catalog: string;
  /** Likes, ratings and their totals: user input, not a projection, so a rebuild never touches it. */
  readonly engagement: string;
}

/**
 * One sparse index per listing the API offers, so each listing is one Query on a key designed for it. Only
 * published entries carry the partition attributes; all sort by `listedAt` (`publishedAt#showId`).
 * A single partition per listing is fine for writes (a catalogue publishes far below 1,000 writes/s per
 * partition); reads are meant to be cached by the CDN (Cache-Control).
 */
export const catalogIndexes = {
  all: 'publishedShows',
  genre: 'publishedByGenre',
  language: 'publishedByLanguage',
  genreLanguage: 'publishedByGenreLanguage',
} as const;
export type CatalogListing = keyof typeof catalogIndexes;

/** The partition attribute of each index (named like the listing, so items stay readable). */
export const listingAttribute: Record<CatalogListing, string> = { all: 'lsAll', genre: 'lsGenre', language: 'lsLanguage', genreLanguage: 'lsGenreLanguage' };

const listingIndex = (listing: CatalogListing) => ({
  IndexName: catalogIndexes[listing],
  KeySchema: [
    { AttributeName: listingAttribute[listing], KeyType: 'HASH' as const },
    { AttributeName: 'listedAt', KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

const listings = Object.keys(catalogIndexes) as CatalogListing[];

/**
 * Each creator's shows, newest draft first (GET /studio/shows): partition `g<n>#creator#<id>`, sort `draftedAt#showId`.
 * Every entry but a deleted one carries them.
 */
export const creatorIndex = 'showsByCreator';
export const creatorAttribute = 'lsCreator';
export const creatorSortAttribute = 'draftedKey';

/**
 * Shows that need a hand (failed, rejected), most recently changed first (GET /operations/shows-needing-a-hand):
 * partition `g<n>#needsHand`, sort `updatedAt#showId`. Sparse: only such entries carry them, so the list is one
 * Query, and a reprocess or a deletion (a whole-item Put without them) takes the show off it.
 */
export const needsHandIndex = 'showsNeedingHand';
export const needsHandAttribute = 'lsNeedsHand';
export const needsHandSortAttribute = 'needsHandKey';

/** The catalogue table as functions/catalog/resources.yml declares it (a test compares the two). */
export const catalogTableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'listedAt', AttributeType: 'S' },
    ...listings.map((listing) => ({ AttributeName: listingAttribute[listing], AttributeType: 'S' as const })),
    { AttributeName: creatorAttribute, AttributeType: 'S' },
    { AttributeName: creatorSortAttribute, AttributeType: 'S' },
    { AttributeName: needsHandAttribute, AttributeType: 'S' },
    { AttributeName: needsHandSortAttribute, AttributeType: 'S' },
  ],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  GlobalSecondaryIndexes: [
    ...listings.map(listingIndex),
    {
      IndexName: creatorIndex,
      KeySchema: [
        { AttributeName: creatorAttribute, KeyType: 'HASH' },
        { AttributeName: creatorSortAttribute, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
    {
      IndexName: needsHandIndex,
      KeySchema: [
        { AttributeName: needsHandAttribute, KeyType: 'HASH' },
        { AttributeName: needsHandSortAttribute, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
});

export const engagementTableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
});

/** For tests and benchmarks; on AWS and under `npm start`, serverless.yml creates them. */
export const createCatalogTables = async (client: DynamoDBClient, names: CatalogTableNames): Promise<void> => {
  await Promise.all([
    client.send(new CreateTableCommand(catalogTableDefinition(names.catalog))),
    client.send(new CreateTableCommand(engagementTableDefinition(names.engagement))),
  ]);
};
