import * as z from 'zod';
import { logger } from '../runtime/logger';
import { sfnClient } from '../runtime/sdk/sfn';
import { publishWorkflowConfig } from './config';
import type { Run } from './workflowInput';
import { executionNameOf, sourceKeyPattern, startRun } from './workflowRuns';

/** S3's "Object Created" event as EventBridge delivers it (only what we read). */
const objectCreatedSchema = z.object({
  detail: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({ key: z.string(), size: z.number().int().nonnegative().default(0), etag: z.string().default('') }),
  }),
});

const { PUBLISH_STATE_MACHINE_ARN: stateMachineArn } = publishWorkflowConfig();

/** Target of the rule on the source bucket's Object Created events: starts the publish workflow once per object. */
export const handler = async (event: unknown) => {
  const { detail } = objectCreatedSchema.parse(event);
  const match = sourceKeyPattern.exec(detail.object.key);
  if (!match?.[1] || !match[2]) {
    logger.warn('object is not an upload source; ignored', { key: detail.object.key });
    return { started: false };
  }
  const [, showId, uploadId] = match;
  const etag = detail.object.etag.replace(/"/g, '');
  const run: Run = { showId, uploadId, bucket: detail.bucket.name, key: detail.object.key, sizeBytes: detail.object.size, etag, executionName: executionNameOf(detail.bucket.name, detail.object.key, etag, uploadId) };
  const outcome = await startRun(sfnClient(), stateMachineArn, run);
  logger.info('publish workflow start', { outcome, executionName: run.executionName });
  return { started: outcome === 'started', executionName: run.executionName };
};
