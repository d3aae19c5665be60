import { workflowDeps } from '../deps';
import { machineReview } from '../machineReview';
import { moderationDeps } from '../moderationDeps';

/** `machineReviewer` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = machineReview({ ...workflowDeps(), ...moderationDeps() });
