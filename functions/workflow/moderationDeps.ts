import { modelModerator, moderationOff } from '../../adapters/moderation/modelModerator';
import type { ContentModerator } from '../../adapters/moderation/port';
import type { ReviewPolicies } from '../../domain/media/moderation';
import { defaultMachineReviewPolicy } from '../../domain/media/reviewDecision';
import type { Env } from '../runtime/config';
import { documentClient } from '../runtime/sdk/dynamodb';
import { workflowConfig } from './config';
import { moderationConfig, type ModerationConfig } from './moderationConfig';
import { moderationJobsTable, type ModerationJobs } from './moderationJobs';

/** The machine reviewer's content moderation: who scores, against which thresholds, and where late answers wait. */
export interface ModerationDeps {
  readonly moderator: ContentModerator;
  readonly policies: ReviewPolicies;
  readonly moderationJobs: ModerationJobs;
}

const moderatorFor = (config: ModerationConfig): ContentModerator => {
  switch (config.MODERATION_BACKEND) {
    case 'model':
      return modelModerator({ maxFrames: config.MODERATION_MAX_FRAMES });
    case 'off':
      return moderationOff;
    default:
      throw new Error('MODERATION_BACKEND=rekognition is not wired yet');
  }
};

let deps: ModerationDeps | undefined;

/** The composition root of content moderation: the backend chosen from config (no handler asks where it runs). */
export const moderationDeps = (env: Env = process.env): ModerationDeps => {
  if (deps === undefined) {
    const config = moderationConfig(env);
    deps = {
      moderator: moderatorFor(config),
      policies: { media: defaultMachineReviewPolicy, moderation: config.policy },
      moderationJobs: moderationJobsTable(documentClient(), workflowConfig(env).REVIEWS_TABLE),
    };
  }
  return deps;
};
