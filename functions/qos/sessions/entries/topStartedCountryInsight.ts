import { sessionDeps } from '../deps';
import { topStartedCountryInsight } from '../insights';

/** `topStartedCountryInsight` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = topStartedCountryInsight(sessionDeps());
