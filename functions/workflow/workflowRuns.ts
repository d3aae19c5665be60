import { createHash } from 'node:crypto';
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { Run } from './workflowInput';

/** Sources are uploaded to `uploads/<showId>/<uploadId>/source.<ext>`: the key says which show and upload it is. */
export const sourceKeyOf = (showId: string, uploadId: string, extension: string) => `uploads/${showId}/${uploadId}/source.${extension.toLowerCase()}`;
export const sourceKeyPattern = /^uploads\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/source\.[A-Za-z0-9]+$/;

/**
 * The execution name of an upload: the same object (bucket, key, etag) always gets the same name, so a repeated
 * S3 event starts nothing new (Step Functions refuses or ignores a second start under that name). Names allow
 * 80 characters of [A-Za-z0-9-_].
 */
export const executionNameOf = (bucket: string, key: string, etag: string, uploadId: string) =>
  `${uploadId.slice(0, 40)}-${createHash('sha256').update(`${bucket}\u0000${key}\u0000${etag}`).digest('hex').slice(0, 32)}`;

/** Starts a run of the publish workflow under the run's execution name. */
export const startRun = async (sfn: Pick<SFNClient, 'send'>, stateMachineArn: string, run: Run): Promise<'started' | 'alreadyStarted'> => {
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name: run.executionName, input: JSON.stringify(run) }));
    return 'started';
  } catch (error) {
    // The name was used by a run that has ended: this upload was handled already.
    if (error instanceof ExecutionAlreadyExists) return 'alreadyStarted';
    throw error;
  }
};
