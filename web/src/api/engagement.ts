import { unwrap, type Api } from './client';

export const likeShow = (api: Api, showId: string) => unwrap(api.POST('/shows/{showId}/likes', { params: { path: { showId } } }));

export const rateShow = (api: Api, showId: string, stars: number) => unwrap(api.POST('/shows/{showId}/ratings', { params: { path: { showId } }, body: { stars } }));
