import type { paths } from '../../../client/index';
import { unwrap, type Api } from './client';

export type SessionTotals = paths['/insights/sessions']['get']['responses'][200]['content']['application/json'];
export type CountryCounts = paths['/insights/sessions/countries']['get']['responses'][200]['content']['application/json'];
export type PlayerCounts = paths['/insights/sessions/players']['get']['responses'][200]['content']['application/json'];
export type TopCountry = paths['/insights/sessions/years/{year}/top-country']['get']['responses'][200]['content']['application/json'];

export const sessionTotals = (api: Api) => unwrap(api.GET('/insights/sessions'));

/** Completed sessions per country, most first: the first `limit`, or every country (the bar plot). */
export const completedByCountry = (api: Api, limit?: number) =>
  unwrap(api.GET('/insights/sessions/countries', { params: { query: limit === undefined ? {} : { limit } } }));

export const topPlayers = (api: Api, limit = 10) => unwrap(api.GET('/insights/sessions/players', { params: { query: { limit } } }));

export const topStartedCountry = (api: Api, year: number) => unwrap(api.GET('/insights/sessions/years/{year}/top-country', { params: { path: { year } } }));
