import { workflowDeps } from '../deps';
import { moderationCompleted } from '../moderationCompleted';
import { moderationDeps } from '../moderationDeps';

/** `moderationCompleted` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = moderationCompleted({ ...workflowDeps(), ...moderationDeps() });
