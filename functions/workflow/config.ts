import { z } from 'zod';
import { readConfig } from '../runtime/config';

/** The workflow's resources, named in functions.yml; each function reads only what it declares. */
const workflowEnvSchema = z.object({
  SOURCE_BUCKET: z.string().min(1),
  MEDIA_BUCKET: z.string().min(1),
  REVIEWS_TABLE: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  PUBLISH_STATE_MACHINE_ARN: z.string().min(1).optional(),
  MEDIACONVERT_ROLE_ARN: z.string().min(1).optional(),
  /** CloudFront's origin on AWS; unset locally, where playback reads the S3 endpoint. */
  PLAYBACK_BASE_URL: z.url().optional(),
  AWS_ENDPOINT_URL_S3: z.url().optional(),
  /**
   * After publish, tag the source so the source bucket's lifecycle rule moves it to this storage class (the AWS
   * VOD solution's "archive source"); `off` keeps sources where they are.
   */
  ARCHIVE_SOURCE: z.enum(['off', 'GLACIER', 'DEEP_ARCHIVE']).default('off'),
  AWS_REGION: z.string().min(1).default('eu-west-1'),
});
export type WorkflowConfig = z.infer<typeof workflowEnvSchema>;

let config: WorkflowConfig | undefined;

export const workflowConfig = (env: Readonly<Record<string, string | undefined>> = process.env): WorkflowConfig => {
  config ??= readConfig(workflowEnvSchema, env, 'workflow configuration');
  return config;
};

export const required = <T>(value: T | undefined, name: string): T => {
  if (value === undefined) throw new Error(`${name} is not set for this function: add it to its environment in functions/workflow/functions.yml`);
  return value;
};

/** Where the media bucket's objects are played from: CloudFront on AWS, the S3 endpoint (path-style) locally. */
export const playbackBaseUrl = (c: WorkflowConfig): string =>
  c.PLAYBACK_BASE_URL ?? (c.AWS_ENDPOINT_URL_S3 ? `${c.AWS_ENDPOINT_URL_S3.replace(/\/$/, '')}/${c.MEDIA_BUCKET}` : `https://${c.MEDIA_BUCKET}.s3.${c.AWS_REGION}.amazonaws.com`);
