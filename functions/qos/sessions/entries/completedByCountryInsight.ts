import { sessionDeps } from '../deps';
import { completedByCountryInsight } from '../insights';

/** `completedByCountryInsight` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = completedByCountryInsight(sessionDeps());
