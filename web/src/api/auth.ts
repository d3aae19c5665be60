import type { components, paths } from '../../../client/index';
import { unwrap, type Api } from './client';

export type Me = paths['/me']['get']['responses'][200]['content']['application/json'];
export type Role = Me['roles'][number];
export type Credentials = { email: string; password: string };
export type { components };

export const register = (api: Api, credentials: Credentials) => unwrap(api.POST('/auth/register', { body: credentials }));

export const login = (api: Api, credentials: Credentials) => unwrap(api.POST('/auth/login', { body: credentials }));

export const logout = (api: Api) => unwrap(api.POST('/auth/logout'));

export const me = (api: Api) => unwrap(api.GET('/me'));
