import { captionsDeps } from '../deps';
import { packageCaptions } from '../packaging';

/** `packageCaptions` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = packageCaptions(captionsDeps());
