import { createHash } from 'node:crypto';
import * as z from 'zod';
import { buildMediaConvertJob } from '../../domain/media/jobSettings';
import { loadShow } from '../shows/showCommands';
import { packagingOfConfig } from './config';
import type { WorkflowDeps } from './deps';
import { parseTaskInput, record, runSchema, workflowActor } from './workflowInput';

/** One transcode per execution: a reprocess is a new execution, so it gets a new id, as the decider requires. */
export const transcodeIdOf = (executionName: string) => `t-${createHash('sha256').update(executionName).digest('hex').slice(0, 24)}`;

/**
 * State PrepareTranscode: requests the transcode (the decider picks the ladder from the probe) and builds the
 * MediaConvert job from that ladder. The state machine passes the job to `mediaconvert:createJob.sync` as is.
 */
export const prepareTranscode = (deps: WorkflowDeps) => async (event: unknown) => {
  const run = parseTaskInput(runSchema.extend({ source: z.object({ bucket: z.string(), key: z.string() }).optional() }), event);
  const transcodeId = transcodeIdOf(run.executionName);
  const handled = await record(deps.store, run, 'transcode-requested', { type: 'RequestTranscode', showId: run.showId, now: deps.now(), actor: workflowActor, transcodeId, formats: ['hls', 'dash'] });
  const requested = handled.events.find((e) => e.type === 'TranscodeRequested');
  const { state } = await loadShow(deps.store, run.showId);
  if (requested === undefined || state.probe === null || state.transcode === null) throw new Error(`Show ${run.showId}: the transcode was not requested`);
  const job = buildMediaConvertJob({
    showId: run.showId,
    transcodeId,
    ladder: state.transcode.ladder,
    probe: state.probe,
    source: { bucket: run.bucket, key: run.key },
    destinationBucket: deps.config.MEDIA_BUCKET,
    roleArn: deps.mediaConvertRoleArn(),
    packaging: packagingOfConfig(deps.config),
    // The captions the show has now; those added later are packaged by functions/captions into the outputs.
    captions: state.captions.map((track) => ({ language: track.language, label: track.label, sourceFile: `s3://${deps.config.MEDIA_BUCKET}/${track.key}` })),
  });
  return { transcodeId, job };
};
