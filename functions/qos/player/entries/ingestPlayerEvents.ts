import { playerDeps } from '../deps';
import { ingestPlayerEvents } from '../ingest';

/** `ingestPlayerEvents` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = ingestPlayerEvents(playerDeps());
