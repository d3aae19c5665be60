import { sessionDeps } from '../deps';
import { projectViewerSessions } from '../project';

/** `projectViewerSessions` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = projectViewerSessions(sessionDeps());
