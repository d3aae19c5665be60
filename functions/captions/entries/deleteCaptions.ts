import { captionsApi } from '../api';
import { captionsDeps } from '../deps';

/** `deleteCaptions` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = captionsApi(captionsDeps()).deleteCaptions;
