import { catalogApi } from './api';
import { catalogDeps } from './deps';
import { needsHandApi } from './needsHand';

/** The catalogue routes of functions.yml, wired to this container's clients (config read once, at load). */
const deps = catalogDeps();
const api = catalogApi(deps);

export const listShows = api.listShows;
export const getShow = api.getShow;
export const createShow = api.createShow;
export const updateShow = api.updateShow;
export const deleteShow = api.deleteShow;
export const likeShow = api.likeShow;
export const rateShow = api.rateShow;
export const listShowsNeedingHand = needsHandApi(deps).listShowsNeedingHand;
