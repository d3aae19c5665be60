import createClient, { type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema';

export type { components, operations, paths } from './schema';

/**
 * The typed Showrunner API client: every path, parameter, body and answer checked by TypeScript against the OpenAPI
 * document the API serves (generated into schema.ts). The web app and the end-to-end tests call the API through it.
 *
 * @example
 * const api = showrunnerApi({ baseUrl: 'http://127.0.0.1:3000' });
 * const { data, error } = await api.GET('/shows/{showId}', { params: { path: { showId } } });
 */
export const showrunnerApi = (options: ClientOptions) => createClient<paths>(options);

/** The same client, sending a bearer token on every request. */
export const signedInApi = (options: ClientOptions, idToken: string) => createClient<paths>({ ...options, headers: { ...options.headers, authorization: `Bearer ${idToken}` } });
