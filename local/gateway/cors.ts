import type { CorsConfig } from '../config';

const originAllowed = (cors: CorsConfig, origin: string): boolean =>
  cors.allowedOrigins.some((allowed) => allowed === '*' || allowed === origin || (allowed.includes('*') && new RegExp(`^${allowed.split('*').map(escapeRegExp).join('[^.]+')}$`).test(origin)));

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const allowOrigin = (cors: CorsConfig, origin: string): [string, string][] => [
  ['access-control-allow-origin', cors.allowedOrigins.includes('*') && !cors.allowCredentials ? '*' : origin],
  ...(cors.allowCredentials ? ([['access-control-allow-credentials', 'true']] as [string, string][]) : []),
];

export const isPreflight = (method: string, headers: Readonly<Record<string, string>>): boolean =>
  method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;

/** API Gateway answers preflight requests itself when CORS is configured; no route or authorizer is involved. */
export const preflightHeaders = (cors: CorsConfig, headers: Readonly<Record<string, string>>): [string, string][] => {
  const origin = headers.origin ?? '';
  if (!originAllowed(cors, origin)) return [];
  return [
    ...allowOrigin(cors, origin),
    ['access-control-allow-methods', cors.allowedMethods.join(',')],
    ['access-control-allow-headers', cors.allowedHeaders.join(',')],
    ...(cors.maxAge === undefined ? [] : ([['access-control-max-age', String(cors.maxAge)]] as [string, string][])),
  ];
};

/** With CORS configured, API Gateway replaces whatever CORS headers the function returned with its own. */
export const applyCors = (cors: CorsConfig | null, requestHeaders: Readonly<Record<string, string>>, responseHeaders: [string, string][]): [string, string][] => {
  if (cors === null) return responseHeaders;
  const kept = responseHeaders.filter(([name]) => !name.toLowerCase().startsWith('access-control-'));
  const origin = requestHeaders.origin;
  if (origin === undefined || !originAllowed(cors, origin)) return kept;
  return [
    ...kept,
    ...allowOrigin(cors, origin),
    ...(cors.exposedResponseHeaders.length === 0 ? [] : ([['access-control-expose-headers', cors.exposedResponseHeaders.join(',')]] as [string, string][])),
  ];
};
