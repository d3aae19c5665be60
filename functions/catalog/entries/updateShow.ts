import { catalogDeps } from '../deps';
import { updateShowHandler } from '../writes';

/** `updateShow` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = updateShowHandler(catalogDeps());
