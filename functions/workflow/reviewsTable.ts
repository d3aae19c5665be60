import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { isConditionFailed } from '../../adapters/conditionFailed';
import type { ReviewEntry } from '../../domain/show/reviewQueue';
import { reviewAssessmentSchema, type ReviewAssessment } from '../../events/catalog/reviewAssessment';

/**
 * The reviews table, one item per show, holds two things written by two writers that never touch each other's
 * attributes: the review queue (status, transcodeId, ..., `lv`), a projection of the show's events written only by
 * the projector behind the version gate; and the workflow's plumbing (the waiting task's token, the reviewer who
 * opened the review), written by the review task and the claim route, each tagged with the transcode it belongs to.
 */
const itemSchema = z.object({
  showId: z.string(),
  transcodeId: z.string().optional(),
  status: z.enum(['pending', 'approved', 'rejected', 'abandoned']).optional(),
  executionName: z.string().optional(),
  requestedAt: z.string().optional(),
  escalation: z.string().nullable().default(null),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  lv: z.number().int().nonnegative().optional(),
  taskToken: z.string().optional(),
  tokenTranscodeId: z.string().optional(),
  claimedBy: z.string().optional(),
  claimedAt: z.string().optional(),
  claimTranscodeId: z.string().optional(),
  recommendedBy: z.string().optional(),
  recommendedAt: z.string().optional(),
  recommendationNote: z.string().optional(),
  recommendationTranscodeId: z.string().optional(),
  assessment: reviewAssessmentSchema.optional(),
});
type Item = z.infer<typeof itemSchema>;

/** What GET /reviews shows of a review: the queue entry and who opened it. */
export interface ReviewView {
  readonly showId: string;
  readonly transcodeId: string;
  readonly status: ReviewEntry['status'];
  readonly executionName: string;
  readonly requestedAt: string;
  readonly escalation: string | null;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly claimedBy?: string;
  readonly claimedAt?: string;
  /** What the machine reviewer measured (media signals, content scores), from its escalation or decision. */
  readonly assessment?: ReviewAssessment;
  /** The machine reviewer's approval for a human to confirm (MACHINE_REVIEW_APPROVALS=recommend). */
  readonly recommendation?: { readonly decision: 'approve'; readonly by: string; readonly at: string; readonly note: string };
}

/** A page of reviews and where the next one starts (null: this was the last). */
export interface ReviewsPage {
  readonly reviews: ReviewView[];
  readonly nextCursor: string | null;
}

/** A cursor this table did not hand out (or one for another status). */
export class InvalidCursorError extends Error {
  constructor() {
    super('the cursor is not one this API gave for this status: list again without it');
    this.name = 'InvalidCursorError';
  }
}

const cursorKeySchema = z.strictObject({ showId: z.string().min(1), status: z.enum(['pending', 'approved', 'rejected', 'abandoned']), requestedAt: z.string() });

/** The index position a page ended at, opaque to clients (base64url JSON of DynamoDB's LastEvaluatedKey). */
const encodeCursor = (key: Record<string, unknown> | undefined): string | null => (key === undefined ? null : Buffer.from(JSON.stringify(key)).toString('base64url'));

const decodeCursor = (cursor: string, status: ReviewEntry['status']): Record<string, unknown> => {
  try {
    const key = cursorKeySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (key.status !== status) throw new InvalidCursorError();
    return key;
  } catch {
    throw new InvalidCursorError();
  }
};

export const reviewsByStatusIndex = 'byStatus';

const entryOf = (item: Item): ReviewEntry | null =>
  item.lv === undefined || item.status === undefined || item.transcodeId === undefined
    ? null
    : {
        showId: item.showId,
        transcodeId: item.transcodeId,
        status: item.status,
        executionName: item.executionName ?? '',
        requestedAt: item.requestedAt ?? '',
        escalation: item.escalation,
        decidedBy: item.decidedBy ?? null,
        decidedAt: item.decidedAt ?? null,
        ...(item.assessment === undefined ? {} : { assessment: item.assessment }),
        version: item.lv,
      };

/** The machine's recommendation, when it is about the transcode under review (an older one says nothing of it). */
const recommendationOf = (item: Item, transcodeId: string): Pick<ReviewView, 'recommendation'> =>
  item.recommendationTranscodeId === transcodeId && item.recommendedBy !== undefined
    ? { recommendation: { decision: 'approve', by: item.recommendedBy, at: item.recommendedAt ?? '', note: item.recommendationNote ?? '' } }
    : {};

const viewOf = (item: Item): ReviewView | null => {
  const entry = entryOf(item);
  if (entry === null) return null;
  const claim = item.claimTranscodeId === entry.transcodeId && item.claimedBy !== undefined ? { claimedBy: item.claimedBy, claimedAt: item.claimedAt ?? '' } : {};
  const decision = entry.decidedAt === null ? {} : { decidedAt: entry.decidedAt, ...(entry.decidedBy === null ? {} : { decidedBy: entry.decidedBy }) };
  const recommendation = recommendationOf(item, entry.transcodeId);
  const { version: _version, decidedBy: _by, decidedAt: _at, ...rest } = entry;
  return { ...rest, ...decision, ...claim, ...recommendation };
};

export const createReviewsTable = (db: DynamoDBDocumentClient, table: string) => {
  const read = async (showId: string): Promise<Item | undefined> => {
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: { showId }, ConsistentRead: true }));
    return Item === undefined ? undefined : itemSchema.parse(Item);
  };
  return {
    /** The queue entry of a show as the projection last wrote it (null when it has none). */
    async entry(showId: string): Promise<ReviewEntry | null> {
      const item = await read(showId);
      return item === undefined ? null : entryOf(item);
    },

    /**
     * Writes the entry if the item is still at `fromVersion` (no entry yet when null): the projection's gate. False
     * when another writer moved it first (read again and fold again).
     */
    async putEntry(entry: ReviewEntry, fromVersion: number | null): Promise<boolean> {
      const optional = { decidedBy: entry.decidedBy, decidedAt: entry.decidedAt, assessment: entry.assessment ?? null };
      const set = Object.entries(optional).filter(([, value]) => value !== null);
      const remove = Object.entries(optional).filter(([, value]) => value === null).map(([name]) => name);
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: { showId: entry.showId },
            UpdateExpression: [
              `SET #status = :status, transcodeId = :transcodeId, executionName = :executionName, requestedAt = :requestedAt, escalation = :escalation, lv = :version${set.map(([name]) => `, ${name} = :${name}`).join('')}`,
              remove.length > 0 ? `REMOVE ${remove.join(', ')}` : '',
            ].join(' '),
            ConditionExpression: fromVersion === null ? 'attribute_not_exists(lv)' : 'lv = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': entry.status,
              ':transcodeId': entry.transcodeId,
              ':executionName': entry.executionName,
              ':requestedAt': entry.requestedAt,
              ':escalation': entry.escalation,
              ':version': entry.version,
              ...Object.fromEntries(set.map(([name, value]) => [`:${name}`, value])),
              ...(fromVersion === null ? {} : { ':from': fromVersion }),
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    /** Stores the token of the task waiting for the review of `transcodeId` (a later wait replaces it). */
    async putToken(showId: string, transcodeId: string, taskToken: string): Promise<void> {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: { showId },
          UpdateExpression: 'SET taskToken = :token, tokenTranscodeId = :transcodeId',
          ExpressionAttributeValues: { ':token': taskToken, ':transcodeId': transcodeId },
        }),
      );
    },

    /** The token of the task waiting for the review of `transcodeId`, if one was stored. */
    async token(showId: string, transcodeId: string): Promise<string | undefined> {
      const item = await read(showId);
      return item?.tokenTranscodeId === transcodeId ? item.taskToken : undefined;
    },

    /** A reviewer opened the review of `transcodeId`: noted for the reviewers' list, never a lock. */
    async noteClaim(showId: string, transcodeId: string, claimedBy: string, claimedAt: string): Promise<void> {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: { showId },
          UpdateExpression: 'SET claimedBy = :by, claimedAt = :at, claimTranscodeId = :transcodeId',
          ExpressionAttributeValues: { ':by': claimedBy, ':at': claimedAt, ':transcodeId': transcodeId },
        }),
      );
    },

    /** The machine reviewer recommends approving `transcodeId`: shown with the review until a human decides. */
    async noteRecommendation(showId: string, transcodeId: string, by: string, at: string, note: string): Promise<void> {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: { showId },
          UpdateExpression: 'SET recommendedBy = :by, recommendedAt = :at, recommendationNote = :note, recommendationTranscodeId = :transcodeId',
          ExpressionAttributeValues: { ':by': by, ':at': at, ':note': note, ':transcodeId': transcodeId },
        }),
      );
    },

    /** Reviews in `status`, oldest request first, `limit` at a time from `cursor` (a previous page's nextCursor). */
    async listByStatus(status: ReviewEntry['status'], limit = 100, cursor?: string): Promise<ReviewsPage> {
      const { Items = [], LastEvaluatedKey } = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: reviewsByStatusIndex,
          KeyConditionExpression: '#status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status },
          Limit: limit,
          ...(cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(cursor, status) }),
        }),
      );
      return { reviews: Items.flatMap((item) => viewOf(itemSchema.parse(item)) ?? []), nextCursor: encodeCursor(LastEvaluatedKey) };
    },
  };
};
export type ReviewsTable = ReturnType<typeof createReviewsTable>;
