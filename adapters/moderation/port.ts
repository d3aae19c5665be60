import type { ModerationScores } from '../../events/catalog/reviewAssessment';

/** A review: its show and transcode, and the recorded ReviewRequested it answers. */
export interface ReviewRef {
  readonly showId: string;
  readonly transcodeId: string;
  readonly eventId: string;
  readonly correlationId: string;
}

/** The video a moderator looks at: the review's source, readable by ffmpeg at `url`, and where it lies in S3. */
export interface ModerationSource {
  readonly url: string;
  readonly durationSeconds: number;
  readonly bucket: string;
  readonly key: string;
  /** The review it is for, for a moderator that answers later. */
  readonly review: ReviewRef;
}

/**
 * What a moderator answers: the scores at once (the model, locally), a job that will answer later (Rekognition:
 * its completion notice carries on the review), or `off` (no content moderation in this deployment).
 */
export type ModerationAnswer =
  | { readonly status: 'scored'; readonly scores: ModerationScores }
  | { readonly status: 'started'; readonly jobId: string }
  | { readonly status: 'off' };

/** Content moderation of a review's source: the nsfwjs model locally, Amazon Rekognition on AWS. */
export interface ContentModerator {
  readonly moderate: (source: ModerationSource) => Promise<ModerationAnswer>;
}
