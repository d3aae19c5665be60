import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { documentClient } from '../runtime/sdk/dynamodb';

/**
 * One review item per show: the pending review's task token (what resumes the workflow), and once decided,
 * the decision. `status` is the key of the byStatus index that `GET /reviews?status=pending` reads.
 */
export const reviewItemSchema = z.object({
  showId: z.string(),
  transcodeId: z.string(),
  /** `abandoned`: the run stopped at review (its wait failed); nobody can decide it any more. */
  status: z.enum(['pending', 'approved', 'rejected', 'abandoned']),
  taskToken: z.string(),
  executionName: z.string(),
  requestedAt: z.string(),
  escalation: z.string().nullable().default(null),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  /** The human who opened the review last (POST /reviews/{showId}/claim); the decision may still come from anyone. */
  claimedBy: z.string().optional(),
  claimedAt: z.string().optional(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const reviewsByStatusIndex = 'byStatus';

export class ReviewAlreadyDecidedError extends Error {
  constructor(showId: string) {
    super(`The review of show ${showId} was already decided or is not pending.`);
    this.name = 'ReviewAlreadyDecidedError';
  }
}

export const createReviews = (table: string) => ({
  /** A new pending review replaces whatever review the show had (a reprocess needs a review of its own). */
  async putPending(item: Omit<ReviewItem, 'status' | 'escalation'>): Promise<void> {
    await documentClient().send(new PutCommand({ TableName: table, Item: { ...item, status: 'pending', escalation: null } }));
  },

  /**
   * A pending review goes to a human with a new task token (the escalated wait's). The token is stored even when a
   * decision was claimed in the moment the first wait timed out: that decision's sender is retrying with whatever
   * token is stored, and only the new one can resume the workflow.
   */
  async escalate(showId: string, transcodeId: string, reason: string, taskToken?: string): Promise<void> {
    await documentClient().send(
      new UpdateCommand({
        TableName: table,
        Key: { showId },
        UpdateExpression: taskToken === undefined ? 'SET escalation = :reason' : 'SET escalation = :reason, taskToken = :token',
        ConditionExpression: taskToken === undefined ? '#status = :pending AND transcodeId = :transcodeId' : 'transcodeId = :transcodeId',
        ...(taskToken === undefined ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ExpressionAttributeValues: {
          ':reason': reason,
          ':transcodeId': transcodeId,
          ...(taskToken === undefined ? { ':pending': 'pending' } : { ':token': taskToken }),
        },
      }),
    );
  },

  async get(showId: string): Promise<ReviewItem | undefined> {
    const { Item } = await documentClient().send(new GetCommand({ TableName: table, Key: { showId }, ConsistentRead: true }));
    return Item === undefined ? undefined : reviewItemSchema.parse(Item);
  },

  /** Exactly one decision per review: the conditional write is what makes a second one a 409. */
  async claim(showId: string, transcodeId: string, decision: 'approved' | 'rejected', decidedBy: string, decidedAt: string): Promise<void> {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: table,
          Key: { showId },
          UpdateExpression: 'SET #status = :decision, decidedBy = :by, decidedAt = :at',
          ConditionExpression: '#status = :pending AND transcodeId = :transcodeId',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':decision': decision, ':by': decidedBy, ':at': decidedAt, ':pending': 'pending', ':transcodeId': transcodeId },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ReviewAlreadyDecidedError(showId);
      throw error;
    }
  },

  /**
   * The review's run failed while it waited: it leaves the pending list, so nobody decides a review no workflow waits
   * for. Only the review of that transcode, only while pending (a decision that landed first stands).
   */
  async abandon(showId: string, transcodeId: string, at: string): Promise<boolean> {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: table,
          Key: { showId },
          UpdateExpression: 'SET #status = :abandoned, decidedAt = :at',
          ConditionExpression: '#status = :pending AND transcodeId = :transcodeId',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':abandoned': 'abandoned', ':at': at, ':pending': 'pending', ':transcodeId': transcodeId },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  /** A reviewer opened a pending review: noted on the item (the reviewers' list shows it); never a lock. */
  async markClaimed(showId: string, claimedBy: string, claimedAt: string): Promise<void> {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: table,
          Key: { showId },
          UpdateExpression: 'SET claimedBy = :by, claimedAt = :at',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':by': claimedBy, ':at': claimedAt, ':pending': 'pending' },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ReviewAlreadyDecidedError(showId);
      throw error;
    }
  },

  async listByStatus(status: ReviewItem['status'], limit = 100): Promise<ReviewItem[]> {
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: table,
        IndexName: reviewsByStatusIndex,
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status },
        Limit: limit,
      }),
    );
    return Items.map((item) => reviewItemSchema.parse(item));
  },
});
