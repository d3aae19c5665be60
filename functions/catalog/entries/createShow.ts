import { catalogDeps } from '../deps';
import { createShowHandler } from '../writes';

/** `createShow` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = createShowHandler(catalogDeps());
