import { mediaConvertClient } from '../runtime/sdk/mediaConvert';
import { transcodeProgress } from '../workflow/transcodeProgress';
import { catalogReadDeps } from './deps';
import { studioApi } from './studio';

const mediaConvert = mediaConvertClient();

/**
 * GET /studio/shows, wired apart from the other catalogue routes: only this function loads the MediaConvert client,
 * for the same progress lookup as GET /shows/{showId}/workflow (MediaConvert's own percentage of the running job).
 */
export const handler = studioApi({
  ...catalogReadDeps(),
  transcodeProgress: async (transcodeId) => (await transcodeProgress(mediaConvert, transcodeId))?.percent ?? null,
}).listStudioShows;
