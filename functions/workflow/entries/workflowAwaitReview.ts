import { awaitReview } from '../awaitReview';
import { workflowDeps } from '../deps';

/** `workflowAwaitReview` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = awaitReview(workflowDeps());
