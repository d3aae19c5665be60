import { sessionDeps } from '../deps';
import { completedSessions } from '../read';

/** `completedSessions` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = completedSessions(sessionDeps());
