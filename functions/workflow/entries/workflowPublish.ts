import { workflowDeps } from '../deps';
import { publish } from '../publish';

/** `workflowPublish` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = publish(workflowDeps());
