import { workflowDeps } from '../deps';
import { reviewsApi } from './reviewsApi';

/** The reviewers' routes of functions.yml, wired to this container's clients (config read once, at load). */
const api = reviewsApi(workflowDeps());

export const list = api.list;
export const decide = api.decide;
export const claim = api.claim;
