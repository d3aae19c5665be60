import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { ReviewRef } from '../../adapters/moderation/port';
import type { MediaSignals } from '../../domain/media/reviewDecision';

const jobSchema = z.object({
  moderationJobId: z.string().min(1),
  moderationReview: z.object({ showId: z.string(), transcodeId: z.string(), eventId: z.string(), correlationId: z.string() }),
  moderationSignals: z.object({ durationSeconds: z.number(), blackSeconds: z.number(), silenceSeconds: z.number().nullable() }),
});

/** A moderation job under way: the review it serves and the media signals measured when it started. */
export interface ModerationJob {
  readonly jobId: string;
  readonly review: ReviewRef;
  readonly signals: MediaSignals;
}

/** Where a moderation job that answers later (Rekognition) is found again from its completion notice. */
export interface ModerationJobs {
  readonly put: (review: ReviewRef, jobId: string, signals: MediaSignals) => Promise<void>;
  /** The show's job, when `jobId` is the one it waits for (an older job of the show answers nothing). */
  readonly find: (showId: string, jobId: string) => Promise<ModerationJob | undefined>;
}

/**
 * Kept on the show's item of the reviews table, beside the waiting task's token: attributes of their own, which
 * neither the projection nor the other plumbing writes.
 */
export const moderationJobsTable = (db: DynamoDBDocumentClient, table: string): ModerationJobs => ({
  put: async (review, jobId, signals) => {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { showId: review.showId },
        UpdateExpression: 'SET moderationJobId = :jobId, moderationReview = :review, moderationSignals = :signals',
        ExpressionAttributeValues: { ':jobId': jobId, ':review': review, ':signals': signals },
      }),
    );
  },
  find: async (showId, jobId) => {
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: { showId }, ConsistentRead: true }));
    const parsed = jobSchema.safeParse(Item);
    if (!parsed.success || parsed.data.moderationJobId !== jobId) return undefined;
    return { jobId, review: parsed.data.moderationReview, signals: parsed.data.moderationSignals };
  },
});
