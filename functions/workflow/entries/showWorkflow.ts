import { workflowDeps } from '../deps';
import { workflowStatus } from '../http/workflowStatus';

/** `showWorkflow` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = workflowStatus(workflowDeps());
