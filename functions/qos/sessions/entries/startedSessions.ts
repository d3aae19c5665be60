import { sessionDeps } from '../deps';
import { startedSessions } from '../read';

/** `startedSessions` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = startedSessions(sessionDeps());
