import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { outputKeys, renditionsOf, type MediaConvertJob } from '../../domain/media/jobSettings';
import { s3Client } from '../runtime/sdk/s3';
import { workflowConfig } from './config';
import { exists } from './objects';
import { parseTaskInput, preparedRunSchema, record, runSchema, workflowActor } from './workflowInput';

const inputSchema = runSchema.extend({
  prepared: z.object({ transcodeId: z.string(), job: z.custom<MediaConvertJob>((value) => typeof value === 'object' && value !== null && 'Settings' in value) }),
});


/**
 * Records a finished transcode: checks that the manifests really are in the media bucket (a job that reports
 * COMPLETE with missing outputs is a failed transcode), lists the thumbnails, and records the completion.
 */
export const completed = async (event: unknown) => {
  const run = parseTaskInput(inputSchema, event);
  const { transcodeId, job } = run.prepared;
  const bucket = workflowConfig().MEDIA_BUCKET;
  const keys = outputKeys(run.showId, transcodeId);
  const base = { showId: run.showId, now: new Date().toISOString(), actor: workflowActor, transcodeId };
  const [hls, dash] = await Promise.all([exists(bucket, keys.hlsMaster), exists(bucket, keys.dashManifest)]);
  if (!hls || !dash) {
    const message = `The transcode reported success but ${[hls ? null : keys.hlsMaster, dash ? null : keys.dashManifest].filter(Boolean).join(' and ')} is missing.`;
    await record(run, 'transcode-failed', { type: 'RecordTranscodeFailure', ...base, reason: 'OUTPUT_INVALID', message });
    return { outcome: 'failed' as const, message };
  }
  const listed = await s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: keys.thumbnailPrefix, MaxKeys: 100 }));
  const thumbnailKeys = (listed.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])).sort();
  await record(run, 'transcode-completed', {
    type: 'RecordTranscodeCompletion',
    ...base,
    renditions: renditionsOf(job),
    outputs: [
      { format: 'hls', key: keys.hlsMaster },
      { format: 'dash', key: keys.dashManifest },
    ],
    thumbnailKeys,
  });
  return { outcome: 'completed' as const };
};

const failureSchema = preparedRunSchema.extend({ failure: z.object({ Error: z.string().default('States.TaskFailed'), Cause: z.string().default('') }) });

/** Records the definitive failure of a transcode that the state machine caught (after its retries). */
export const failed = async (event: unknown) => {
  const run = parseTaskInput(failureSchema, event);
  const timedOut = run.failure.Error === 'States.Timeout';
  const cancelled = /cancel/i.test(run.failure.Cause);
  await record(run, 'transcode-failed', {
    type: 'RecordTranscodeFailure',
    showId: run.showId,
    now: new Date().toISOString(),
    actor: workflowActor,
    transcodeId: run.prepared.transcodeId,
    reason: timedOut ? 'TIMED_OUT' : cancelled ? 'JOB_CANCELED' : 'JOB_FAILED',
    message: `${run.failure.Error}: ${run.failure.Cause || 'no cause given'}`.slice(0, 2000),
  });
  return { recorded: true };
};
