/** An answer a handler chooses to give: a status, a stable code clients can branch on, and words a person can act on. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} does not exist`);
export const forbidden = (why: string) => new HttpError(403, 'forbidden', why);
export const unauthorized = () => new HttpError(401, 'unauthorized', 'sign in: this route needs a valid bearer token');
