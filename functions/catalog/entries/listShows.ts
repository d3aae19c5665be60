import { listShowsHandler } from '../api';
import { catalogReadDeps } from '../deps';

/** `listShows` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = listShowsHandler(catalogReadDeps());
