import { outputKeys } from '../../domain/media/jobSettings';
import { eventStore } from '../shared/eventStore';
import { loadShow } from '../shows/showCommands';
import { playbackBaseUrl, workflowConfig } from './config';
import { parseTaskInput, preparedRunSchema, record, workflowActor } from './workflowInput';

/** Publishes the approved transcode: playback URLs for HLS and DASH and the thumbnails, from the media bucket's origin. */
export const handler = async (event: unknown) => {
  const run = parseTaskInput(preparedRunSchema, event);
  const base = playbackBaseUrl(workflowConfig());
  const keys = outputKeys(run.showId, run.prepared.transcodeId);
  const { state } = await loadShow(eventStore(), run.showId);
  const thumbnails = state.transcode?.result?.thumbnailKeys ?? [];
  const url = (key: string) => `${base}/${key}`;
  await record(run, 'published', {
    type: 'PublishShow',
    showId: run.showId,
    now: new Date().toISOString(),
    actor: workflowActor,
    playback: [
      { format: 'hls', url: url(keys.hlsMaster) },
      { format: 'dash', url: url(keys.dashManifest) },
    ],
    thumbnailUrls: thumbnails.map(url),
  });
  return { hls: url(keys.hlsMaster), dash: url(keys.dashManifest) };
};
