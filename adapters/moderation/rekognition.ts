import { createHash } from 'node:crypto';
import { GetContentModerationCommand, StartContentModerationCommand, type ContentModerationDetection, type RekognitionClient } from '@aws-sdk/client-rekognition';
import type { ModerationScores } from '../../events/catalog/reviewAssessment';
import type { ContentModerator } from './port';

export const rekognitionModelName = 'rekognition';

/**
 * Amazon Rekognition's video content moderation: starts a job on the source in S3, whose completion Rekognition
 * publishes on `topicArn` (as `roleArn`); the function subscribed to it (functions/workflow/moderationCompleted.ts)
 * reads the labels and decides. The show id travels as the JobTag (ids fit its character set); the same transcode
 * gives the same ClientRequestToken, so a retried start gets the same job.
 */
export const rekognitionModerator = (client: Pick<RekognitionClient, 'send'>, options: { readonly topicArn: string; readonly roleArn: string }): ContentModerator => ({
  moderate: async (source) => {
    const { JobId } = await client.send(
      new StartContentModerationCommand({
        Video: { S3Object: { Bucket: source.bucket, Name: source.key } },
        MinConfidence: 50,
        ClientRequestToken: createHash('sha256').update(`${source.review.showId}/${source.review.transcodeId}`).digest('hex'),
        JobTag: source.review.showId,
        NotificationChannel: { SNSTopicArn: options.topicArn, RoleArn: options.roleArn },
      }),
    );
    if (JobId === undefined) throw new Error('Rekognition StartContentModeration answered without a JobId');
    return { status: 'started', jobId: JobId };
  },
});

/**
 * Each top-level category's highest confidence (0 to 1) over the video: a label counts for its own name and for its
 * parent's, so a second-level label raises its top-level category even where Rekognition left the parent out.
 */
export const rekognitionScores = (detections: readonly ContentModerationDetection[], analysedFrames: number): ModerationScores => {
  const scores: Record<string, number> = {};
  for (const { ModerationLabel: label } of detections) {
    const confidence = Math.min(1, Math.max(0, (label?.Confidence ?? 0) / 100));
    for (const category of [label?.Name, label?.ParentName]) {
      if (category !== undefined && category !== '') scores[category] = Math.max(scores[category] ?? 0, confidence);
    }
  }
  return { model: rekognitionModelName, framesScored: analysedFrames, scores };
};

export type JobOutcome = { readonly status: 'succeeded'; readonly scores: ModerationScores } | { readonly status: 'failed'; readonly message: string };

/** The finished job's labels, every page, as scores; or why it failed. */
export const contentModerationResult = async (client: Pick<RekognitionClient, 'send'>, jobId: string): Promise<JobOutcome> => {
  const detections: ContentModerationDetection[] = [];
  let nextToken: string | undefined;
  let frames: number;
  do {
    const page = await client.send(new GetContentModerationCommand({ JobId: jobId, MaxResults: 1000, NextToken: nextToken, SortBy: 'TIMESTAMP' }));
    if (page.JobStatus !== 'SUCCEEDED') return { status: 'failed', message: `Rekognition job ${jobId} is ${page.JobStatus ?? 'unknown'}: ${page.StatusMessage ?? 'no message'}` };
    detections.push(...(page.ModerationLabels ?? []));
    const { DurationMillis = 0, FrameRate = 0 } = page.VideoMetadata ?? {};
    frames = Math.round((DurationMillis / 1000) * FrameRate);
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return { status: 'succeeded', scores: rekognitionScores(detections, frames) };
};
