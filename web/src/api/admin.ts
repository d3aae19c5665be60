import type { paths } from '../../../client/index';
import type { Role } from './auth';
import { unwrap, type Api } from './client';

export type UsersPage = paths['/users']['get']['responses'][200]['content']['application/json'];
export type AdminUser = UsersPage['items'][number];
export type NeedsHandPage = paths['/operations/shows-needing-a-hand']['get']['responses'][200]['content']['application/json'];
export type NeedsHandShow = NeedsHandPage['items'][number];

/** Users whose address starts with `email`, a page at a time (`cursor`: the previous page's nextCursor). */
export const findUsers = (api: Api, email: string, cursor?: string) =>
  unwrap(api.GET('/users', { params: { query: { email, ...(cursor === undefined ? {} : { cursor }) } } }));

export const grantRole = (api: Api, userId: string, role: Role) => unwrap(api.PUT('/users/{userId}/roles/{role}', { params: { path: { userId, role } } }));

export const revokeRole = (api: Api, userId: string, role: Role) => unwrap(api.DELETE('/users/{userId}/roles/{role}', { params: { path: { userId, role } } }));

export const disableUser = (api: Api, userId: string) => unwrap(api.POST('/users/{userId}/disable', { params: { path: { userId } } }));

export const enableUser = (api: Api, userId: string) => unwrap(api.POST('/users/{userId}/enable', { params: { path: { userId } } }));

export const showsNeedingHand = (api: Api, cursor?: string) =>
  unwrap(api.GET('/operations/shows-needing-a-hand', { params: { query: cursor === undefined ? {} : { cursor } } }));

export const reprocessShow = (api: Api, showId: string) => unwrap(api.POST('/shows/{showId}/reprocess', { params: { path: { showId } } }));

export const deleteShow = (api: Api, showId: string) => unwrap(api.DELETE('/shows/{showId}', { params: { path: { showId }, query: {} } }));
