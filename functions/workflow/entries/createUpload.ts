import { workflowDeps } from '../deps';
import { uploads } from '../http/uploads';

/** `createUpload` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = uploads(workflowDeps());
