import { workflowDeps } from '../deps';
import { recordFailure } from '../recordFailure';

/** `workflowRecordFailure` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = recordFailure(workflowDeps());
