import { workflowDeps } from '../deps';
import { showUploads } from '../http/uploads';

/** `createShowUpload` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = showUploads(workflowDeps());
