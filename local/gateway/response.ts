import { z } from 'zod';

export interface GatewayResponse {
  readonly status: number;
  readonly headers: [string, string][];
  readonly body: Buffer;
}

const headerValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const structuredResultSchema = z.looseObject({
  statusCode: z.number().int().min(100).max(599),
  headers: z.record(z.string(), headerValue).optional(),
  cookies: z.array(z.string()).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
});

export const jsonResponse = (status: number, body: unknown, headers: [string, string][] = []): GatewayResponse => ({
  status,
  headers: [['content-type', 'application/json'], ...headers],
  body: Buffer.from(JSON.stringify(body)),
});

export const internalServerError = (): GatewayResponse => jsonResponse(500, { message: 'Internal Server Error' });

/**
 * How API Gateway turns a payload 2.0 result into HTTP: with a statusCode it is taken as a response
 * (headers, cookies, body, base64); without one, the result itself is a 200 JSON body (a string as is).
 */
export const mapLambdaResult = (result: unknown): GatewayResponse => {
  const hasStatusCode = typeof result === 'object' && result !== null && 'statusCode' in result;
  if (!hasStatusCode) {
    return { status: 200, headers: [['content-type', 'application/json']], body: Buffer.from(typeof result === 'string' ? result : JSON.stringify(result)) };
  }
  const parsed = structuredResultSchema.safeParse(result);
  if (!parsed.success) return internalServerError();
  return structuredResponse(parsed.data);
};

// A result with a statusCode: its headers and cookies become header lines, its body is decoded if base64.
const structuredResponse = (result: z.infer<typeof structuredResultSchema>): GatewayResponse => {
  const { statusCode, headers = {}, cookies = [], body = '', isBase64Encoded = false } = result;
  return {
    status: statusCode,
    headers: [...Object.entries(headers), ...cookies.map((cookie): [string, string] => ['set-cookie', cookie])],
    body: isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body),
  };
};
