import { createHash } from 'node:crypto';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { logger } from '../runtime/logger';
import { sfnClient } from '../runtime/sdk/sfn';
import { required, workflowConfig } from './config';
import type { Run } from './workflowInput';

/** S3's "Object Created" event as EventBridge delivers it (only what we read). */
const objectCreatedSchema = z.object({
  detail: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({ key: z.string(), size: z.number().int().nonnegative().default(0), etag: z.string().default('') }),
  }),
});

/** Sources are uploaded to `uploads/<showId>/<uploadId>/source.<ext>`: the key says which show and upload it is. */
export const sourceKeyOf = (showId: string, uploadId: string, extension: string) => `uploads/${showId}/${uploadId}/source.${extension.toLowerCase()}`;
const sourceKeyPattern = /^uploads\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/source\.[A-Za-z0-9]+$/;

/**
 * The execution name of an upload: the same object (bucket, key, etag) always gets the same name, so a repeated
 * S3 event starts nothing new (Step Functions refuses or ignores a second start under that name). Names allow
 * 80 characters of [A-Za-z0-9-_].
 */
export const executionNameOf = (bucket: string, key: string, etag: string, uploadId: string) =>
  `${uploadId.slice(0, 40)}-${createHash('sha256').update(`${bucket}\u0000${key}\u0000${etag}`).digest('hex').slice(0, 32)}`;

export const startRun = async (run: Run): Promise<'started' | 'alreadyStarted'> => {
  try {
    await sfnClient().send(
      new StartExecutionCommand({ stateMachineArn: required(workflowConfig().PUBLISH_STATE_MACHINE_ARN, 'PUBLISH_STATE_MACHINE_ARN'), name: run.executionName, input: JSON.stringify(run) }),
    );
    return 'started';
  } catch (error) {
    // The name was used by a run that has ended: this upload was handled already.
    if (error instanceof ExecutionAlreadyExists) return 'alreadyStarted';
    throw error;
  }
};

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
  const outcome = await startRun(run);
  logger.info('publish workflow start', { outcome, executionName: run.executionName });
  return { started: outcome === 'started', executionName: run.executionName };
};
