import { workflowDeps } from '../deps';
import { completeUpload } from '../http/uploads';

/** `completeUpload` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = completeUpload(workflowDeps());
