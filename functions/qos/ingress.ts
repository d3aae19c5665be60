import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { json, type HttpResult } from '../http/response';
import { readConfig } from '../runtime/config';

/**
 * Players beacon before and after sign-in, so the QoS and sessions routes take no user login. What protects them
 * instead: a body size cap, a per-container rate cap, and an API key when configuration asks for one (on AWS the
 * stage throttle and a WAF rate rule sit in front; these caps keep one container honest either way).
 */
const ingressConfigSchema = z.object({
  /** Empty or unset: no key required (the local default). */
  QOS_API_KEY: z.string().optional().transform((key) => (key === '' ? undefined : key)),
  QOS_MAX_BODY_BYTES: z.coerce.number().int().positive().default(262_144),
  /** Requests per second one container accepts; 0 turns the cap off. */
  QOS_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(0).default(0),
});
export type IngressConfig = z.output<typeof ingressConfigSchema>;

export const readIngressConfig = (env: Readonly<Record<string, string | undefined>>) => readConfig(ingressConfigSchema, env, 'QoS ingress configuration');

/** A token bucket: `perSecond` requests a second on average, bursts up to one second's worth. */
export const tokenBucket = (perSecond: number, clock: () => number = Date.now) => {
  let tokens = perSecond;
  let last = clock();
  return () => {
    const now = clock();
    tokens = Math.min(perSecond, tokens + ((now - last) / 1000) * perSecond);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
};

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

const bodyBytes = (event: APIGatewayProxyEventV2) =>
  event.body === undefined ? 0 : event.isBase64Encoded ? Buffer.from(event.body, 'base64').length : Buffer.byteLength(event.body);

/** Wraps a public route's handler with the checks that run before any parsing. */
export const publicIngress = (config: IngressConfig, handler: Handler): Handler => {
  const take = config.QOS_RATE_LIMIT_PER_SECOND > 0 ? tokenBucket(config.QOS_RATE_LIMIT_PER_SECOND) : () => true;
  return async (event, context) => {
    if (config.QOS_API_KEY !== undefined && event.headers?.['x-api-key'] !== config.QOS_API_KEY) {
      return json(401, { error: 'api_key_required', message: 'send the x-api-key header this deployment was configured with' });
    }
    if (bodyBytes(event) > config.QOS_MAX_BODY_BYTES) {
      return json(413, { error: 'payload_too_large', message: `the body is over ${config.QOS_MAX_BODY_BYTES} bytes; send smaller batches` });
    }
    if (!take()) return json(429, { error: 'rate_limited', message: 'too many requests; retry after a second' }, { 'retry-after': '1' });
    return handler(event, context);
  };
};
