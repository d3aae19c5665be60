import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CorsConfig, HttpRoute, JwtAuthorizerConfig } from '../config';
import { isLambdaTimeout } from '../lambda/errors';
import { applyCors, isPreflight, preflightHeaders } from './cors';
import { buildHttpApiEvent, lowerCasedHeaders, newRequestId } from './event';
import type { LocalIssuer } from './issuer';
import { createJwtAuthorizer, type JwtAuthorizer } from './jwtAuthorizer';
import { internalServerError, jsonResponse, mapLambdaResult, type GatewayResponse } from './response';
import { createRouter } from './routing';

/** API Gateway's limits: a 10 MB request payload and a 30 s integration timeout. */
const payloadLimitBytes = 10 * 1024 * 1024;
const integrationTimeoutMs = 30_000;

export interface HttpApiGatewayOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  readonly routes: readonly HttpRoute[];
  readonly cors: CorsConfig | null;
  readonly authorizers: Readonly<Record<string, JwtAuthorizerConfig>>;
  /** Invokes a function by its serverless.yml key (local/lambda's runtime.invoke fits). */
  readonly invoke: (functionKey: string, event: unknown) => Promise<unknown>;
  /** Served at /.well-known/jwks.json and /.well-known/openid-configuration; trusted for its own issuer URL. */
  readonly issuer?: LocalIssuer;
  readonly accountId?: string;
  readonly integrationTimeoutMs?: number;
  /** Told of every answer to a request that matched a route (tests check answers against the API's document). */
  readonly onExchange?: (exchange: ApiExchange) => void;
}

/** One request that matched a route, and the answer the gateway sent for it. */
export interface ApiExchange {
  readonly routeKey: string;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

export interface HttpApiGateway {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

class PayloadTooLargeError extends Error {}

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  if (Number(request.headers['content-length'] ?? 0) > payloadLimitBytes) throw new PayloadTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > payloadLimitBytes) throw new PayloadTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

// API Gateway answers 413 to a body over its payload limit, before any route or authorizer runs.
const bodyOrTooLarge = async (request: IncomingMessage): Promise<Buffer | GatewayResponse> => {
  try {
    return await readBody(request);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return jsonResponse(413, { message: 'Request Entity Too Large' });
    throw error;
  }
};

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T | typeof timedOut> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(timedOut), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
const timedOut = Symbol('timed out');

const send = (response: ServerResponse, result: GatewayResponse, requestId: string): void => {
  response.statusCode = result.status;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of result.headers) grouped.set(name.toLowerCase(), [...(grouped.get(name.toLowerCase()) ?? []), value]);
  for (const [name, values] of grouped) response.setHeader(name, name === 'set-cookie' ? values : values.join(','));
  response.setHeader('apigw-requestid', requestId);
  response.setHeader('content-length', result.body.length);
  response.end(result.body);
};

/**
 * The HTTP API of serverless.yml on one local port, behaving as API Gateway's HTTP API with Lambda proxy
 * integrations (payload format 2.0): routing, JWT authorizers, CORS, result mapping and its error answers.
 *
 * @example
 * const api = await startHttpApiGateway({ port: 3000, ...service.httpApi, routes: service.httpRoutes, invoke: lambda.invoke, issuer });
 */
export const startHttpApiGateway = async (options: HttpApiGatewayOptions): Promise<HttpApiGateway> => {
  const route = createRouter(options.routes);
  const authorizers = new Map<string, JwtAuthorizer>(Object.entries(options.authorizers).map(([name, config]) => [name, createJwtAuthorizer(config, options.issuer)]));
  const accountId = options.accountId ?? '000000000000';
  let baseUrl = '';

  const wellKnown = (path: string): GatewayResponse | undefined => {
    if (options.issuer === undefined) return undefined;
    if (path === '/.well-known/jwks.json') return jsonResponse(200, options.issuer.jwks());
    if (path === '/.well-known/openid-configuration') return jsonResponse(200, options.issuer.openIdConfiguration(`${baseUrl}/.well-known/jwks.json`));
    return undefined;
  };

  // A CORS preflight is answered by the gateway itself when cors is configured, never by a function.
  const preflightAnswer = (method: string, headers: Record<string, string>): GatewayResponse | undefined =>
    options.cors !== null && isPreflight(method, headers) ? { status: 204, headers: preflightHeaders(options.cors, headers), body: Buffer.alloc(0) } : undefined;

  const reportExchange = (target: HttpRoute, answer: GatewayResponse): void =>
    options.onExchange?.({ routeKey: `${target.method} ${target.path}`, status: answer.status, contentType: answer.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1], body: answer.body });

  const handle = async (request: IncomingMessage, requestId: string): Promise<GatewayResponse> => {
    const headers = lowerCasedHeaders(request);
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const preflight = preflightAnswer(method, headers);
    if (preflight !== undefined) return preflight;
    const finish = (result: GatewayResponse): GatewayResponse => ({ ...result, headers: applyCors(options.cors, headers, result.headers) });
    const body = await bodyOrTooLarge(request);
    if (!Buffer.isBuffer(body)) return finish(body);
    const known = method === 'GET' ? wellKnown(path) : undefined;
    if (known !== undefined) return known;
    const match = route(method, path);
    if (match === undefined) return finish(jsonResponse(404, { message: 'Not Found' }));
    const authorization = await authorize(match.route, headers);
    const answer = finish('status' in authorization ? authorization : await integrate(match.route.functionKey, buildHttpApiEvent({ request, headers, body, match, accountId, requestId, ...authorization })));
    reportExchange(match.route, answer);
    return answer;
  };

  type Authorization = { authorizer?: { claims: Record<string, string>; scopes: string[] | null } } | GatewayResponse;
  const authorize = async (target: HttpRoute, headers: Record<string, string>): Promise<Authorization> => {
    if (target.authorizer === undefined) return {};
    const outcome = await authorizers.get(target.authorizer.name)?.authorize(headers, target.authorizer.scopes);
    if (outcome === undefined) return internalServerError();
    if (!outcome.ok) return jsonResponse(outcome.status, { message: outcome.status === 401 ? 'Unauthorized' : 'Forbidden' }, [['www-authenticate', outcome.wwwAuthenticate]]);
    return { authorizer: { claims: outcome.claims, scopes: outcome.scopes } };
  };

  const integrate = async (functionKey: string, event: unknown): Promise<GatewayResponse> => {
    try {
      const result = await withTimeout(options.invoke(functionKey, event), options.integrationTimeoutMs ?? integrationTimeoutMs);
      return result === timedOut ? jsonResponse(503, { message: 'Service Unavailable' }) : mapLambdaResult(result);
    } catch (error) {
      process.stderr.write(`GWDEBUG ${functionKey} ${String(error)} ${(error as Error).stack}\n`);
      return isLambdaTimeout(error) ? jsonResponse(503, { message: 'Service Unavailable' }) : internalServerError();
    }
  };

  const server = createServer((request, response) => {
    const requestId = newRequestId();
    handle(request, requestId).then(
      (result) => send(response, result, requestId),
      () => send(response, internalServerError(), requestId),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url: baseUrl,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
