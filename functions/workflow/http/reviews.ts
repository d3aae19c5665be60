import { workflowDeps } from '../deps';
import { reviewsApi } from './reviewsApi';

/** The reviewers' decision routes of functions.yml, wired to this container's clients (config read once, at load). */
const api = reviewsApi(workflowDeps());

export const decide = api.decide;
export const claim = api.claim;
