import type { z } from 'zod';
import type { ZodObjectInput, ZodOpenApiOperationObject, ZodOpenApiResponseObject } from 'zod-openapi';
import { isSignedIn, type ResponseDoc, type RouteDoc } from '../http/route';
import { errorBodySchema, gatewayFailureSchema, gatewayUnauthorizedSchema } from './errorBodies';

const json = (schema: z.ZodType, example: unknown) => ({ 'application/json': { schema, ...(example === undefined ? {} : { example }) } });

/** A route's own answer; a refusal (4xx) that names no schema of its own has the shape of every refusal. */
const responseOf = (status: number, doc: ResponseDoc): ZodOpenApiResponseObject => {
  const schema = doc.schema ?? (status >= 400 ? errorBodySchema : undefined);
  return {
    description: doc.description,
    ...(doc.headers === undefined ? {} : { headers: Object.fromEntries(Object.entries(doc.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) }),
    ...(schema === undefined ? {} : { content: doc.contentType === undefined ? json(schema, doc.example) : { [doc.contentType]: { schema } } }),
  };
};

const refusal = (description: string, example: { error: string; message: string }): ZodOpenApiResponseObject => ({ description, content: json(errorBodySchema, example) });

/** The answers a route gives without saying so itself: its schemas' 400, the authorizer's 401, its roles' 403, 500, and API Gateway's 503. */
const implicitResponses = (doc: RouteDoc): Record<string, ZodOpenApiResponseObject> => {
  const answers: Record<string, ZodOpenApiResponseObject> = {};
  if (doc.body !== undefined || doc.path !== undefined || doc.query !== undefined) {
    answers['400'] = refusal('the request is not valid: `details` names each field that was wrong and why', { error: 'invalid_request', message: "the request's body is not valid" });
  }
  if (isSignedIn(doc)) {
    answers['401'] = {
      description: 'no valid bearer token: API Gateway answers `{"message":"Unauthorized"}` for a missing, expired or forged token; sign in (POST /auth/login) and send `Authorization: Bearer <accessToken>`',
      content: { 'application/json': { schema: gatewayUnauthorizedSchema.or(errorBodySchema), example: { message: 'Unauthorized' } } },
    };
  }
  if (doc.access !== 'public' && doc.access.roles.length > 0) {
    answers['403'] = refusal(`the caller holds none of the roles ${doc.access.roles.join(', ')}`, { error: 'forbidden', message: `this needs one of the roles ${doc.access.roles.join(', ')}` });
  }
  answers['500'] = {
    description: 'something failed on our side; it is logged, and retrying later may succeed (API Gateway answers `{"message":"Internal Server Error"}` when the function itself crashed)',
    content: { 'application/json': { schema: errorBodySchema.or(gatewayFailureSchema), example: { error: 'internal_error', message: 'something went wrong on our side; it has been logged' } } },
  };
  answers['503'] = {
    description: "the function did not answer within API Gateway's integration timeout (30 s); nothing is known to have changed unless the route is idempotent: retry later, with the same idempotency key where the route takes one",
    content: { 'application/json': { schema: gatewayFailureSchema, example: { message: 'Service Unavailable' } } },
  };
  return answers;
};

const bodyRequired = (schema: z.ZodType): boolean => !schema.safeParse(undefined).success;

/** The OpenAPI operation of one route, from the schemas its handler parses with. */
export const operationOf = (doc: RouteDoc): ZodOpenApiOperationObject => ({
  operationId: doc.operationId,
  tags: [doc.tag],
  summary: doc.summary,
  ...(doc.description === undefined ? {} : { description: doc.description }),
  security: isSignedIn(doc) ? [{ cognito: [] }] : [],
  requestParams: {
    ...(doc.path === undefined ? {} : { path: doc.path as ZodObjectInput }),
    ...(doc.query === undefined ? {} : { query: doc.query as ZodObjectInput }),
    ...(doc.headers === undefined ? {} : { header: doc.headers as ZodObjectInput }),
  },
  ...(doc.body === undefined ? {} : { requestBody: { required: bodyRequired(doc.body), content: json(doc.body, doc.bodyExample) } }),
  responses: { ...implicitResponses(doc), ...Object.fromEntries(Object.entries(doc.responses).map(([status, response]) => [status, responseOf(Number(status), response)])) },
});
