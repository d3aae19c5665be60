import type { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import type { S3Client } from '@aws-sdk/client-s3';
import type { EventStore } from '../../adapters/eventstore';
import { eventStore } from '../runtime/eventStore';
import { documentClient } from '../runtime/sdk/dynamodb';
// Regional endpoint: MediaConvert no longer needs DescribeEndpoints; locally AWS_ENDPOINT_URL_MEDIACONVERT points at local/mediaconvert.
import { mediaConvertClient } from '../runtime/sdk/mediaConvert';
import { s3Client } from '../runtime/sdk/s3';
import { sfnClient } from '../runtime/sdk/sfn';
import { mediaConvertConfig, workflowConfig, type WorkflowConfig } from './config';
import { createReviewsTable, type ReviewsTable } from './reviewsTable';
import { sfnWorkflowTasks, type WorkflowTasks } from './workflowTasks';

/** The ports of the workflow's handlers: the container's clients here, tests' own tables or stand-ins in tests. */
export interface WorkflowDeps {
  readonly config: WorkflowConfig;
  readonly store: EventStore;
  readonly reviews: ReviewsTable;
  readonly tasks: WorkflowTasks;
  /** Sources and outputs (HEAD, list, tag) and the presigned URLs handed to uploaders and ffmpeg. */
  readonly s3: S3Client;
  /** The running jobs' progress (the workflow status view). */
  readonly mediaConvert: Pick<MediaConvertClient, 'send'>;
  /** The role MediaConvert assumes; only PrepareTranscode needs it, so it is read there, on first use. */
  readonly mediaConvertRoleArn: () => string;
  readonly now: () => string;
  readonly pause: (ms: number) => Promise<void>;
}

let deps: WorkflowDeps | undefined;

/** The workflow's composition root: config read and validated once, clients created once per container. */
export const workflowDeps = (env: Readonly<Record<string, string | undefined>> = process.env): WorkflowDeps => {
  if (deps === undefined) {
    const config = workflowConfig(env);
    deps = {
      config,
      store: eventStore(env),
      reviews: createReviewsTable(documentClient(), config.REVIEWS_TABLE),
      tasks: sfnWorkflowTasks(sfnClient()),
      s3: s3Client(),
      mediaConvert: mediaConvertClient(),
      mediaConvertRoleArn: () => mediaConvertConfig(env).MEDIACONVERT_ROLE_ARN,
      now: () => new Date().toISOString(),
      pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
  }
  return deps;
};
