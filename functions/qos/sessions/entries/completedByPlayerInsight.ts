import { sessionDeps } from '../deps';
import { completedByPlayerInsight } from '../insights';

/** `completedByPlayerInsight` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = completedByPlayerInsight(sessionDeps());
