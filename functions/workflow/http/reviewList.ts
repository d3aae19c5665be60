import { readPlaybackConfig } from '../../delivery/config';
import { workflowDeps } from '../deps';
import { reviewListApi } from './reviewsApi';

/**
 * GET /reviews of functions.yml, wired to this container's clients and the playback signer its preview grants are
 * signed with (both read once, at load: a missing signing setting fails the cold start, not a request).
 */
export const handler = reviewListApi({ ...workflowDeps(), preview: readPlaybackConfig(process.env) });
