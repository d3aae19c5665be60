import { showrunnerApi, signedInApi } from '../../../client/index';
import type { AppConfig } from '../config';

export type Api = ReturnType<typeof showrunnerApi>;

/** The generated, typed client (client/): anonymous, or sending the access token. */
export const apiFor = (config: AppConfig, accessToken: string | null): Api =>
  accessToken === null ? showrunnerApi({ baseUrl: config.apiUrl }) : signedInApi({ baseUrl: config.apiUrl }, accessToken);

/** An API refusal, carrying the API's own `message` (what was wrong and what to do) for the page to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const messageOf = (error: unknown, status: number): { message: string; code?: string } => {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    const code = 'error' in error && typeof error.error === 'string' ? error.error : undefined;
    return code === undefined ? { message: error.message } : { message: error.message, code };
  }
  return { message: `The server answered ${status}; try again in a moment.` };
};

/** openapi-fetch's `{ data, error, response }` as a value or an ApiError. */
export const unwrap = async <T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> => {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'The API could not be reached: check your connection and try again.');
  }
  if (result.error !== undefined || !result.response.ok) {
    const { message, code } = messageOf(result.error, result.response.status);
    throw new ApiError(result.response.status, message, code);
  }
  return result.data as T;
};
