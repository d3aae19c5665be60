import { playerDeps } from '../deps';
import { projectPlayerEventsHandler } from '../project';

/** `projectPlayerEvents` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = projectPlayerEventsHandler(playerDeps());
