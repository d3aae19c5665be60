import type { z } from 'zod';
import type { HttpRouteSpec } from './httpHandler';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One answer a route gives: what it means to the caller, its body's schema and an example of it. */
export interface ResponseDoc {
  readonly description: string;
  /** The body's schema, as built by the handler; absent for an empty body (204, 304). */
  readonly schema?: z.ZodType;
  readonly example?: unknown;
  /** Response headers worth a client's attention (ETag, Location...), name -> description. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A body that is not JSON (an HTML page, a script): its content type. */
  readonly contentType?: string;
}

/**
 * An HTTP route as a client sees it: where it is, what it takes (the very schemas the handler parses with) and every
 * answer it gives. The handler is built from the same object (`httpHandler(route, ...)`), and GET /api-docs is
 * generated from all of them, so the document cannot drift from the code. Answers every route may give (400 for a
 * request that fails its schemas, 401/403 for access, 500) are added by the generator from `access` and the schemas.
 */
export interface RouteDoc<TBody = unknown, TPath = unknown, TQuery = unknown> extends HttpRouteSpec<TBody, TPath, TQuery> {
  /** API Gateway's route key, as serverless.yml declares the route: method, space, path with `{name}` parameters. */
  readonly routeKey: `${HttpMethod} /${string}`;
  readonly operationId: string;
  /** One area of the API: the document's tag. */
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /** Request headers the route reads (If-Match, Idempotency-Key...), as a strict object of optional strings. */
  readonly headers?: z.ZodType;
  readonly bodyExample?: unknown;
  /** The route's own answers: its successes and the refusals its rules give (404, 409, 412...). */
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  /**
   * Whether API Gateway's JWT authorizer guards the route (serverless.yml `authorizer`). Defaults to what `access`
   * needs; a public route behind the authorizer (a signed-in view of a public resource) says so here.
   */
  readonly signedIn?: boolean;
}

/** Declares a route; the identity function that lets TypeScript infer the route's body, path and query types. */
export const route = <TBody = undefined, TPath = undefined, TQuery = undefined>(doc: RouteDoc<TBody, TPath, TQuery>): RouteDoc<TBody, TPath, TQuery> => doc;

/** The method and path of a route key. */
export const methodAndPath = (doc: RouteDoc): { method: HttpMethod; path: string } => {
  const [method, path] = doc.routeKey.split(' ') as [HttpMethod, string];
  return { method, path };
};

/** Whether the route sits behind the JWT authorizer. */
export const isSignedIn = (doc: RouteDoc): boolean => doc.signedIn ?? doc.access !== 'public';
