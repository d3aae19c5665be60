import type { paths } from '../../../client/index';
import { unwrap, type Api } from './client';

export type ReviewList = paths['/reviews']['get']['responses'][200]['content']['application/json'];
export type Review = ReviewList['reviews'][number];
export type Decision = NonNullable<paths['/reviews/{showId}/decision']['post']['requestBody']>['content']['application/json'];

export const pendingReviews = (api: Api) => unwrap(api.GET('/reviews', { params: { query: { status: 'pending' } } }));

export const claimReview = (api: Api, showId: string) => unwrap(api.POST('/reviews/{showId}/claim', { params: { path: { showId } } }));

export const decideReview = (api: Api, showId: string, decision: Decision) => unwrap(api.POST('/reviews/{showId}/decision', { params: { path: { showId } }, body: decision }));
