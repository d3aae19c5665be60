import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { RatingTotals } from '../../domain/catalog';

/** Likes and ratings per show: one item per user and kind, and one totals item kept in step transactionally. */
export const totalsKey = (showId: string) => ({ pk: `show#${showId}`, sk: 'totals' });
const likeKey = (showId: string, userId: string) => ({ pk: `show#${showId}`, sk: `like#${userId}` });
const ratingKey = (showId: string, userId: string) => ({ pk: `show#${showId}`, sk: `rating#${userId}` });

const totalsSchema = z.object({ likeCount: z.number().int().nonnegative().default(0), ratingSum: z.number().int().nonnegative().default(0), ratingCount: z.number().int().nonnegative().default(0) });
export type EngagementTotals = RatingTotals & { readonly likeCount: number };

export const totalsOf = (item: Record<string, unknown> | undefined): EngagementTotals => totalsSchema.parse(item ?? {});

const cancelledByCondition = (error: unknown) => error instanceof Error && error.name === 'TransactionCanceledException';

/**
 * Records a user's like once: the like item and the counter move together in one transaction, conditional
 * on the like not existing, so a retried or repeated like changes nothing. Returns whether it was new.
 */
export const likeShow = async (db: DynamoDBDocumentClient, table: string, showId: string, userId: string, at: string, maxAttempts = 10): Promise<boolean> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await likeOnce(db, table, showId, userId, at);
      return true;
    } catch (error) {
      if (!cancelledByCondition(error)) throw error;
      // The like's own condition failed: it exists. Anything else (a conflicting transaction) is retried.
      if (reasonsOf(error)[0] === 'ConditionalCheckFailed') return false;
      if (attempt >= maxAttempts) throw error;
    }
  }
};

const reasonsOf = (error: unknown): (string | undefined)[] => {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code);
};

const likeOnce = async (db: DynamoDBDocumentClient, table: string, showId: string, userId: string, at: string): Promise<void> => {
  {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { ...likeKey(showId, userId), at }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Update: { TableName: table, Key: totalsKey(showId), UpdateExpression: 'ADD likeCount :one', ExpressionAttributeValues: { ':one': 1 } } },
        ],
      }),
    );
  }
};

const ratingItemSchema = z.object({ stars: z.number().int() });

export class RatingContentionError extends Error {
  constructor(showId: string) {
    super(`ratings of show ${showId} kept changing under this one: try again`);
    this.name = 'RatingContentionError';
  }
}

// The user's rating item, conditional on what was read, and the totals moved by the difference, in one transaction.
const ratingWrites = (table: string, showId: string, userId: string, stars: number, at: string, previous: number | undefined) => [
  {
    Put: {
      TableName: table,
      Item: { ...ratingKey(showId, userId), stars, at },
      ...(previous === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'stars = :previous', ExpressionAttributeValues: { ':previous': previous } }),
    },
  },
  {
    Update: {
      TableName: table,
      Key: totalsKey(showId),
      UpdateExpression: 'ADD ratingSum :delta, ratingCount :added',
      ExpressionAttributeValues: { ':delta': stars - (previous ?? 0), ':added': previous === undefined ? 1 : 0 },
    },
  },
];

/**
 * Sets a user's rating (1-5; a second rating replaces the first). The user's rating item is written on the
 * condition that it still holds what was read, in the same transaction as the exact integer totals, so
 * concurrent ratings never lose or double-count a star: a lost race reads again and retries.
 */
export const rateShow = async (db: DynamoDBDocumentClient, table: string, showId: string, userId: string, stars: number, at: string, maxAttempts = 10): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: ratingKey(showId, userId), ConsistentRead: true }));
    const previous = Item === undefined ? undefined : ratingItemSchema.parse(Item).stars;
    if (previous === stars) return;
    try {
      await db.send(new TransactWriteCommand({ TransactItems: ratingWrites(table, showId, userId, stars, at, previous) }));
      return;
    } catch (error) {
      if (!cancelledByCondition(error)) throw error;
      if (attempt >= maxAttempts) throw new RatingContentionError(showId);
    }
  }
};
