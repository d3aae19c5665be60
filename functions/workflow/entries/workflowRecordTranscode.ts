import { workflowDeps } from '../deps';
import { recordTranscode } from '../recordTranscode';

/** `workflowRecordTranscode` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = recordTranscode(workflowDeps());
