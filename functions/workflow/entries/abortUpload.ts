import { workflowDeps } from '../deps';
import { abortUpload } from '../http/uploads';

/** `abortUpload` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = abortUpload(workflowDeps());
