import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { HttpResult } from '../response';

export interface TestRequest {
  readonly path?: Record<string, string>;
  readonly query?: Record<string, string>;
  /** Sent as JSON; `rawBody` sends exact bytes instead (a webhook's signed body). */
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  /** The authorizer's verified claims: a signed-in caller. */
  readonly user?: { readonly sub: string; readonly groups: string };
  readonly requestId?: string;
}

/** API Gateway's payload 2.0 for one request, as the HTTP API hands it to a function behind it. */
export const httpEvent = (request: TestRequest = {}): APIGatewayProxyEventV2 => {
  const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  return {
    version: '2.0',
    routeKey: 'test',
    rawPath: '/',
    rawQueryString: '',
    headers: request.headers ?? {},
    pathParameters: request.path,
    queryStringParameters: request.query,
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body }),
    requestContext: {
      requestId: request.requestId ?? randomUUID(),
      ...(request.user === undefined ? {} : { authorizer: { jwt: { claims: { sub: request.user.sub, 'cognito:groups': request.user.groups }, scopes: null } } }),
    },
  } as unknown as APIGatewayProxyEventV2;
};

export type TestHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

/** Calls a handler as Lambda would and reads its answer: status, headers and the JSON body (undefined when empty). */
export const callHttp = async (handler: TestHandler, request: TestRequest = {}) => {
  const result = await handler(httpEvent(request), {} as Context);
  const text = result.body === undefined || result.body === '' ? undefined : String(result.body);
  return { status: result.statusCode, headers: result.headers ?? {}, body: text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>) };
};
