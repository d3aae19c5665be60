import { getShowHandler } from '../api';
import { catalogReadDeps } from '../deps';

/** `getShow` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = getShowHandler(catalogReadDeps());
