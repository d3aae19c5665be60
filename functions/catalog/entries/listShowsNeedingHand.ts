import { catalogReadDeps } from '../deps';
import { needsHandApi } from '../needsHand';

/** `listShowsNeedingHand` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = needsHandApi(catalogReadDeps()).listShowsNeedingHand;
