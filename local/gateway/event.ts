import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteMatch } from './routing';

export type HttpApiEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: { jwt: { claims: Record<string, string>; scopes: string[] | null } } };
};

// API Gateway passes these bodies as text; anything else arrives base64-encoded.
const textContentType = /^(text\/|application\/(json|xml|javascript|[\w.+-]*\+json|[\w.+-]*\+xml)\b)/i;

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number): string => String(value).padStart(2, '0');
/** `12/Mar/2020:19:03:58 +0000`, the format of requestContext.time. */
const requestTime = (date: Date): string =>
  `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;

/** Header names lower-cased, repeated headers joined with commas, cookies moved to their own list. */
export const lowerCasedHeaders = (request: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    const name = (request.rawHeaders[index] ?? '').toLowerCase();
    const value = request.rawHeaders[index + 1] ?? '';
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return headers;
};

const queryParameters = (rawQueryString: string): Record<string, string> | undefined => {
  if (rawQueryString === '') return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) parameters[name] = parameters[name] === undefined ? value : `${parameters[name]},${value}`;
  return parameters;
};

export interface EventInput {
  readonly request: IncomingMessage;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly match: RouteMatch;
  readonly authorizer?: { claims: Record<string, string>; scopes: string[] | null };
  readonly accountId: string;
  readonly requestId: string;
}

const requestContextOf = ({ request, headers, match, authorizer, accountId, requestId }: EventInput, rawPath: string): HttpApiEvent['requestContext'] => {
  const now = new Date();
  const host = headers.host ?? 'localhost';
  return {
    accountId,
    apiId: 'local',
    ...(authorizer === undefined ? {} : { authorizer: { jwt: authorizer } }),
    domainName: host,
    domainPrefix: host.split('.')[0] ?? host,
    http: {
      method: request.method ?? 'GET',
      path: rawPath,
      protocol: `HTTP/${request.httpVersion}`,
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      userAgent: headers['user-agent'] ?? '',
    },
    requestId,
    routeKey: match.routeKey,
    stage: '$default',
    time: requestTime(now),
    timeEpoch: now.getTime(),
  };
};

const splitTarget = (target: string): { rawPath: string; rawQueryString: string } => {
  const queryStart = target.indexOf('?');
  return queryStart < 0 ? { rawPath: target, rawQueryString: '' } : { rawPath: target.slice(0, queryStart), rawQueryString: target.slice(queryStart + 1) };
};

// API Gateway passes a text body as it came and base64-encodes anything else; an empty body is left out.
const bodyFields = (body: Buffer, contentType: string | undefined): { body?: string; isBase64Encoded: boolean } => {
  const isText = body.length === 0 || textContentType.test(contentType ?? '');
  return { ...(body.length === 0 ? {} : { body: isText ? body.toString('utf8') : body.toString('base64') }), isBase64Encoded: !isText };
};

/** The payload format 2.0 event API Gateway sends a Lambda proxy integration. */
export const buildHttpApiEvent = (input: EventInput): HttpApiEvent => {
  const { request, headers, body, match } = input;
  const { rawPath, rawQueryString } = splitTarget(request.url ?? '/');
  const { cookie, ...headersWithoutCookie } = headers;
  const queryStringParameters = queryParameters(rawQueryString);
  return {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath,
    rawQueryString,
    ...(cookie === undefined ? {} : { cookies: cookie.split(/;\s*/).filter((item) => item.length > 0) }),
    headers: headersWithoutCookie,
    ...(queryStringParameters === undefined ? {} : { queryStringParameters }),
    ...(match.pathParameters === undefined ? {} : { pathParameters: match.pathParameters }),
    requestContext: requestContextOf(input, rawPath),
    ...bodyFields(body, headers['content-type']),
  };
};

export const newRequestId = (): string => randomUUID();
