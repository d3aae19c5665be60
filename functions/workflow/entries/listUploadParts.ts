import { workflowDeps } from '../deps';
import { uploadParts } from '../http/uploads';

/** `listUploadParts` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = uploadParts(workflowDeps());
