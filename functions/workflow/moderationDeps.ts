import { modelModerator, moderationOff } from '../../adapters/moderation/modelModerator';
import type { ContentModerator } from '../../adapters/moderation/port';
import { contentModerationResult, rekognitionModerator, type JobOutcome } from '../../adapters/moderation/rekognition';
import type { ReviewPolicies } from '../../domain/media/moderation';
import { defaultMachineReviewPolicy } from '../../domain/media/reviewDecision';
import type { Env } from '../runtime/config';
import { documentClient } from '../runtime/sdk/dynamodb';
import { rekognitionClient } from '../runtime/sdk/rekognition';
import { workflowConfig } from './config';
import { moderationConfig, type ModerationConfig } from './moderationConfig';
import { moderationJobsTable, type ModerationJobs } from './moderationJobs';

/** The machine reviewer's content moderation: who scores, against which thresholds, and where late answers wait. */
export interface ModerationDeps {
  readonly moderator: ContentModerator;
  readonly policies: ReviewPolicies;
  readonly moderationJobs: ModerationJobs;
  /** A finished job's scores (Rekognition); a moderator that answers at once has no jobs. */
  readonly moderationResult: (jobId: string) => Promise<JobOutcome>;
}

const moderatorFor = (config: ModerationConfig): ContentModerator => {
  switch (config.MODERATION_BACKEND) {
    case 'model':
      return modelModerator({ maxFrames: config.MODERATION_MAX_FRAMES });
    case 'off':
      return moderationOff;
    default:
      // The config refuses rekognition without both ARNs.
      return rekognitionModerator(rekognitionClient(), { topicArn: config.MODERATION_SNS_TOPIC_ARN ?? '', roleArn: config.MODERATION_ROLE_ARN ?? '' });
  }
};

const noJobs = (jobId: string): Promise<JobOutcome> => Promise.reject(new Error(`a moderation job (${jobId}) finished, but MODERATION_BACKEND is not rekognition here`));

let deps: ModerationDeps | undefined;

/** The composition root of content moderation: the backend chosen from config (no handler asks where it runs). */
export const moderationDeps = (env: Env = process.env): ModerationDeps => {
  if (deps === undefined) {
    const config = moderationConfig(env);
    deps = {
      moderator: moderatorFor(config),
      policies: { media: defaultMachineReviewPolicy, moderation: config.policy },
      moderationJobs: moderationJobsTable(documentClient(), workflowConfig(env).REVIEWS_TABLE),
      moderationResult: config.MODERATION_BACKEND === 'rekognition' ? (jobId) => contentModerationResult(rekognitionClient(), jobId) : noJobs,
    };
  }
  return deps;
};
