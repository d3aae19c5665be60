import { z } from 'zod';
import type { BuildContext } from './context';
import { ServerlessConfigError } from './errors';
import { resolveIntrinsics } from './intrinsics';
import type { CorsConfig, HttpRoute, JwtAuthorizerConfig, LocalFunction } from './model';
import { strictParse } from './strictParse';

const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'OPTIONS', 'HEAD', 'DELETE'];
const defaultAllowedHeaders = ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent', 'X-Amzn-Trace-Id'];

/** Routes from every function's httpApi events; a duplicate route key is refused as the framework does. */
export const collectHttpRoutes = (functions: readonly LocalFunction[], authorizers: Record<string, JwtAuthorizerConfig>): HttpRoute[] => {
  const seen = new Set<string>();
  return functions.flatMap((fn) =>
    fn.events.flatMap((event, index): HttpRoute[] => {
      if (event.kind !== 'httpApi') return [];
      const routeKey = event.path === '$default' ? '$default' : `${event.method} ${event.path}`;
      const where = `functions.${fn.key}.events[${index}].httpApi`;
      if (seen.has(routeKey)) throw new ServerlessConfigError(where, `duplicate route "${routeKey}": another function already serves it`);
      seen.add(routeKey);
      if (event.authorizer !== undefined && authorizers[event.authorizer.name] === undefined)
        throw new ServerlessConfigError(`${where}.authorizer`, `refers to "${event.authorizer.name}", which is not in provider.httpApi.authorizers`);
      return [{ method: event.method, path: event.path, functionKey: fn.key, ...(event.authorizer === undefined ? {} : { authorizer: event.authorizer }) }];
    }),
  );
};

/**
 * provider.httpApi.cors as osls compiles it: `true` means its default headers and every method used by a route;
 * an object keeps what it says and fills the rest the same way.
 */
export const normalizeCors = (context: BuildContext, routes: readonly HttpRoute[]): CorsConfig | null => {
  const cors = context.raw.provider.httpApi?.cors;
  if (cors === undefined || cors === false) return null;
  const routeMethods = new Set(['OPTIONS', ...routes.flatMap((route) => (route.method === 'ANY' ? httpMethods : [route.method]))]);
  return corsFilledIn(cors === true ? {} : cors, [...routeMethods]);
};

type UserCors = Exclude<NonNullable<NonNullable<BuildContext['raw']['provider']['httpApi']>['cors']>, boolean>;

// What the user's cors object leaves out takes osls's defaults; the methods default to those the routes use.
const corsFilledIn = (user: UserCors, routeMethods: string[]): CorsConfig => ({
  allowedOrigins: user.allowedOrigins ?? ['*'],
  allowedHeaders: user.allowedHeaders ?? defaultAllowedHeaders,
  allowedMethods: user.allowedMethods ?? routeMethods,
  allowCredentials: user.allowCredentials ?? false,
  exposedResponseHeaders: user.exposedResponseHeaders ?? [],
  ...(user.maxAge === undefined ? {} : { maxAge: user.maxAge }),
});

const resolvedAuthorizerSchema = z.strictObject({
  issuerUrl: z.string({ error: 'a JWT authorizer needs issuerUrl: a URL, or an intrinsic that resolves to one' }),
  audience: z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value])),
});

export const normalizeAuthorizers = (context: BuildContext): Record<string, JwtAuthorizerConfig> =>
  Object.fromEntries(
    Object.entries(context.raw.provider.httpApi?.authorizers ?? {}).map(([name, authorizer]) => {
      const where = `provider.httpApi.authorizers.${name}`;
      const resolved = strictParse(
        resolvedAuthorizerSchema,
        { issuerUrl: resolveIntrinsics(authorizer.issuerUrl, context, `${where}.issuerUrl`), audience: resolveIntrinsics(authorizer.audience, context, `${where}.audience`) },
        where,
      );
      return [name, { type: 'jwt', identitySource: authorizer.identitySource ?? '$request.header.Authorization', ...resolved }];
    }),
  );
