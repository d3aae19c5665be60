import { captionsApi } from '../api';
import { captionsDeps } from '../deps';

/** `putCaptions` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = captionsApi(captionsDeps()).putCaptions;
