import type { paths } from '../../../client/index';
import { unwrap, type Api } from './client';

export type ShowPage = paths['/shows']['get']['responses'][200]['content']['application/json'];
export type ShowSummary = ShowPage['items'][number];
export type Show = paths['/shows/{showId}']['get']['responses'][200]['content']['application/json'];
export interface CatalogFilters {
  readonly genre?: string;
  readonly language?: string;
  readonly q?: string;
  readonly cursor?: string;
}

const defined = (filters: CatalogFilters) => Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as CatalogFilters;

export const listShows = (api: Api, filters: CatalogFilters, limit = 12) => unwrap(api.GET('/shows', { params: { query: { ...defined(filters), limit } } }));

/**
 * The API lets browsers keep a public show for 30 s; the show page shows live likes and ratings, so it revalidates
 * every time (a 304 when nothing changed).
 */
export const getShow = (api: Api, showId: string) => unwrap(api.GET('/shows/{showId}', { params: { path: { showId } }, cache: 'no-cache' }));
