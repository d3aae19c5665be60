import { sessionDeps } from '../deps';
import { ingestSessionEvents } from '../ingest';

/** `ingestSessionEvents` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = ingestSessionEvents(sessionDeps());
