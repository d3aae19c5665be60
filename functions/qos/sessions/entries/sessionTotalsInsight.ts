import { sessionDeps } from '../deps';
import { sessionTotalsInsight } from '../insights';

/** `sessionTotalsInsight` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = sessionTotalsInsight(sessionDeps());
