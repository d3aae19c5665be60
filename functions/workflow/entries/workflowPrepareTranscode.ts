import { workflowDeps } from '../deps';
import { prepareTranscode } from '../prepareTranscode';

/** `workflowPrepareTranscode` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = prepareTranscode(workflowDeps());
