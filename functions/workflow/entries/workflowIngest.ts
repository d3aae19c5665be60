import { workflowDeps } from '../deps';
import { ingest } from '../ingest';

/** `workflowIngest` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = ingest(workflowDeps());
