import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { outputKeys, packagingOf, renditionsOf, type MediaConvertJob } from '../../domain/media/jobSettings';
import type { WorkflowDeps } from './deps';
import { exists } from './objects';
import { parseTaskInput, record, runSchema, workflowActor } from './workflowInput';

const inputSchema = runSchema.extend({
  prepared: z.object({ transcodeId: z.string(), job: z.custom<MediaConvertJob>((value) => typeof value === 'object' && value !== null && 'Settings' in value) }),
});

/**
 * State RecordTranscode: records a finished transcode. Checks that the manifests really are in the media bucket
 * (a job that reports COMPLETE with missing outputs is a failed transcode), lists the thumbnails, and records the
 * completion.
 */
export const recordTranscode = (deps: WorkflowDeps) => async (event: unknown) => {
  const run = parseTaskInput(inputSchema, event);
  const { transcodeId, job } = run.prepared;
  const bucket = deps.config.MEDIA_BUCKET;
  // Where this job wrote its manifests: the packaging it was built with, whatever the configuration says now.
  const keys = outputKeys(run.showId, transcodeId, packagingOf(job));
  const base = { showId: run.showId, now: deps.now(), actor: workflowActor, transcodeId };
  const [hls, dash] = await Promise.all([exists(deps.s3, bucket, keys.hlsMaster), exists(deps.s3, bucket, keys.dashManifest)]);
  if (!hls || !dash) {
    const message = `The transcode reported success but ${[hls ? null : keys.hlsMaster, dash ? null : keys.dashManifest].filter(Boolean).join(' and ')} is missing.`;
    await record(deps.store, run, 'transcode-failed', { type: 'RecordTranscodeFailure', ...base, reason: 'OUTPUT_INVALID', message });
    return { outcome: 'failed' as const, message };
  }
  const listed = await deps.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: keys.thumbnailPrefix, MaxKeys: 100 }));
  const thumbnailKeys = (listed.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])).sort();
  await record(deps.store, run, 'transcode-completed', {
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
