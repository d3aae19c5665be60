import { loadShow } from '../shows/showCommands';
import { playbackBaseUrl } from './config';
import type { WorkflowDeps } from './deps';
import { manifestKeysOf } from './manifestKeys';
import { exists, tagForArchive } from './objects';
import { parseTaskInput, preparedRunSchema, record, workflowActor } from './workflowInput';

/** The outputs under review are gone (a review can last weeks): publishing would hand out dead URLs. */
export class OutputsMissingError extends Error {
  constructor(missing: readonly string[]) {
    super(`Cannot publish: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} no longer in the media bucket.`);
    this.name = 'OutputsMissing';
  }
}

/**
 * State Publish: publishes the approved transcode: checks its manifests are still there, archives the source if configured, and
 * records the playback URLs for HLS and DASH and the thumbnails, from the media bucket's origin.
 */
export const publish = (deps: WorkflowDeps) => async (event: unknown) => {
  const run = parseTaskInput(preparedRunSchema, event);
  const { config } = deps;
  const base = playbackBaseUrl(config);
  const { state } = await loadShow(deps.store, run.showId);
  // The manifests this transcode recorded (HLS and DASH groups, or CMAF), not where today's configuration would put them.
  const keys = manifestKeysOf(state, run.showId, run.prepared.transcodeId);
  const present = await Promise.all([keys.hlsMaster, keys.dashManifest].map(async (key) => ({ key, there: await exists(deps.s3, config.MEDIA_BUCKET, key) })));
  const missing = present.filter((output) => !output.there).map((output) => output.key);
  if (missing.length > 0) throw new OutputsMissingError(missing);
  // Before the publication is recorded, so a failure to tag fails the stage visibly and a retry tags again.
  if (config.ARCHIVE_SOURCE !== 'off') await tagForArchive(deps.s3, run.bucket, run.key, config.ARCHIVE_SOURCE);
  const thumbnails = state.transcode?.result?.thumbnailKeys ?? [];
  const url = (key: string) => `${base}/${key}`;
  await record(deps.store, run, 'published', {
    type: 'PublishShow',
    showId: run.showId,
    now: deps.now(),
    actor: workflowActor,
    playback: [
      { format: 'hls', url: url(keys.hlsMaster) },
      { format: 'dash', url: url(keys.dashManifest) },
    ],
    thumbnailUrls: thumbnails.map(url),
  });
  return { hls: url(keys.hlsMaster), dash: url(keys.dashManifest), archived: config.ARCHIVE_SOURCE };
};
