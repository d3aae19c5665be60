import { captionsApi } from './api';
import { captionsDeps } from './deps';
import { packageCaptions as packageCaptionsOf } from './packaging';

/** The captions' functions of functions.yml, wired to this container's ports (config read once, at load). */
const deps = captionsDeps();
const api = captionsApi(deps);

export const putCaptions = api.putCaptions;
export const deleteCaptions = api.deleteCaptions;
export const packageCaptions = packageCaptionsOf(deps);
