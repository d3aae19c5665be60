import { catalogDeps } from '../deps';
import { deleteShowHandler } from '../writes';

/** `deleteShow` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = deleteShowHandler(catalogDeps());
