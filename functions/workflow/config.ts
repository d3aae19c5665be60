import * as z from 'zod';
import type { Packaging } from '../../domain/media/jobSettings';
import { configOnce, readConfig } from '../runtime/config';

/** The workflow's resources, named in functions.yml; each function reads only what it declares. */
const workflowEnvSchema = z.object({
  SOURCE_BUCKET: z.string().min(1),
  MEDIA_BUCKET: z.string().min(1),
  REVIEWS_TABLE: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  /**
   * Where published playback URLs point: CloudFront's origin on AWS. The local cloud, which runs no CloudFront,
   * gives functions its S3 endpoint and media bucket here (local/cloud.ts), so this code knows of no local case.
   */
  PLAYBACK_BASE_URL: z.url(),
  /**
   * After publish, tag the source so the source bucket's lifecycle rule moves it to this storage class (the AWS
   * VOD solution's "archive source"); `off` keeps sources where they are.
   */
  ARCHIVE_SOURCE: z.enum(['off', 'GLACIER', 'DEEP_ARCHIVE']).default('off'),
  /**
   * What the machine reviewer's approvals do: `publish` records them (the workflow goes on to publish); `recommend`
   * only notes them on the review (GET /reviews `recommendation`), which stays pending for a human to confirm.
   * Its rejections and escalations are recorded either way (functions/workflow/README.md).
   */
  MACHINE_REVIEW_APPROVALS: z.enum(['publish', 'recommend']).default('publish'),
  /**
   * How transcodes are packaged: `hls-dash` (an HLS group with MPEG-TS segments and a DASH ISO group, what plays on
   * every HLS client) or `cmaf` (one CMAF group of fMP4 segments both manifests list: half the storage, HLS clients
   * from iOS 10 on). Only new transcodes follow a change; each keeps the manifests it recorded.
   */
  MEDIA_PACKAGING: z.enum(['hls-dash', 'cmaf']).default('hls-dash'),
});
export type WorkflowConfig = z.infer<typeof workflowEnvSchema>;

let config: WorkflowConfig | undefined;

/** The configuration in `env`, validated (a wrong value fails with the variable's name); workflowConfig keeps the first. */
export const parseWorkflowConfig = (env: Readonly<Record<string, string | undefined>>): WorkflowConfig => readConfig(workflowEnvSchema, env, 'workflow configuration');

export const workflowConfig = (env: Readonly<Record<string, string | undefined>> = process.env): WorkflowConfig => {
  config ??= parseWorkflowConfig(env);
  return config;
};

/** What the functions that start a run need (the starter, reprocess): read at load, so a missing ARN fails the cold start. */
export const publishWorkflowConfig = configOnce(z.object({ PUBLISH_STATE_MACHINE_ARN: z.string().min(1) }), 'publish workflow configuration');

/** What the profile task hands MediaConvert: the role it assumes to read sources and write outputs. */
export const mediaConvertConfig = configOnce(z.object({ MEDIACONVERT_ROLE_ARN: z.string().min(1) }), 'MediaConvert configuration');

/** The job settings' packaging for the configured MEDIA_PACKAGING. */
export const packagingOfConfig = (c: Pick<WorkflowConfig, 'MEDIA_PACKAGING'>): Packaging => (c.MEDIA_PACKAGING === 'cmaf' ? 'cmaf' : 'separate');

/** Where the media bucket's objects are played from, without a trailing slash. */
export const playbackBaseUrl = (c: WorkflowConfig): string => c.PLAYBACK_BASE_URL.replace(/\/$/, '');
