import { workflowDeps } from '../deps';
import { escalateReview } from '../escalateReview';

/** `workflowEscalateReview` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = escalateReview(workflowDeps());
