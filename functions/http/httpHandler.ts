import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { WrongExpectedVersionError } from '../../adapters/eventstore';
import { CommandRefusedError } from '../../domain/decider';
import { systemClock, type Clock } from '../runtime/clock';
import { lambdaHandler } from '../runtime/lambda';
import { logger } from '../runtime/logger';
import { countMetric } from '../runtime/metrics';
import { callerOf, type Caller, type Role } from './caller';
import { HttpError, forbidden, unauthorized } from './errors';
import { json, type HttpResult } from './response';
import { problemsOf, readableIssue, sentenceOf } from './validationMessages';

export interface HttpRequest<TBody, TPath, TQuery> {
  readonly body: TBody;
  readonly path: TPath;
  readonly query: TQuery;
  readonly caller: Caller | undefined;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** API Gateway's request id: a natural command id for a request that has no idempotency key of its own. */
  readonly requestId: string;
  /** When the request was accepted; the domain gets time from here, never from a clock of its own. */
  readonly now: string;
}

export interface HttpRouteSpec<TBody, TPath, TQuery> {
  readonly body?: z.ZodType<TBody>;
  readonly path?: z.ZodType<TPath>;
  readonly query?: z.ZodType<TQuery>;
  /** 'public': anyone; otherwise a signed-in caller holding one of these roles (empty: any signed-in caller). */
  readonly access: 'public' | { readonly roles: readonly Role[] };
  /** Where `now` comes from: the composition root's clock (tests fix it); the system clock otherwise. */
  readonly clock?: Clock;
}

const parsePart = <T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T => {
  if (schema === undefined) return undefined as T;
  const parsed = schema.safeParse(value, { error: readableIssue });
  if (parsed.success) return parsed.data;
  const problems = problemsOf(parsed.error, where);
  throw new HttpError(400, 'invalid_request', `the request's ${where} is not valid: ${problems.map(sentenceOf).join('; ')}`, problems);
};

/** What a stale If-Match means to the person who sent it, and what to do about it. */
export const staleVersionMessage = 'the show changed since you read it: GET it again, re-apply your change and send the new ETag in If-Match';

/** A refusal is a conflict with the state (409), except a show or a user that does not exist: that is not found (404). */
const refusalStatus = (code: string) => (code === 'SHOW_NOT_FOUND' || code === 'USER_NOT_FOUND' ? 404 : 409);

const bodyOf = (event: APIGatewayProxyEventV2): unknown => {
  if (event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_json', 'the request body is not valid JSON');
  }
};

const authorize = (access: HttpRouteSpec<unknown, unknown, unknown>['access'], caller: Caller | undefined): void => {
  if (access === 'public') return;
  if (caller === undefined) throw unauthorized();
  if (access.roles.length > 0 && !access.roles.some((role) => caller.roles.includes(role))) {
    throw forbidden(`this needs one of the roles ${access.roles.join(', ')}`);
  }
};

/** Every failure becomes an answer that says what was wrong; only the unforeseen is a 500, and it is logged. */
export const errorResponse = (error: unknown, headers: Readonly<Record<string, string | undefined>>): HttpResult => {
  if (error instanceof HttpError) return json(error.statusCode, { error: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) });
  if (error instanceof CommandRefusedError) return json(refusalStatus(error.code), { error: error.code, message: error.message });
  if (error instanceof WrongExpectedVersionError) {
    const conditional = headers['if-match'] !== undefined;
    return json(conditional ? 412 : 409, { error: conditional ? 'precondition_failed' : 'conflict', message: conditional ? staleVersionMessage : 'the show changed while your request was handled: send it again' });
  }
  countMetric('Api5xx');
  logger.error('unhandled error', { error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
  return json(500, { error: 'internal_error', message: 'something went wrong on our side; it has been logged' });
};

/**
 * The one shape of every HTTP handler: parse each part of the request with its schema, check access, run the
 * handler, map failures to clear 4xx answers. Handlers stay a few lines of "call the domain, map the result".
 * Runs in the runtime every handler shares (Lambda context in the logs, tracing); the request id is the
 * correlation id of every line logged and every command sent while answering it.
 */
export const httpHandler = <TBody = undefined, TPath = undefined, TQuery = undefined>(
  spec: HttpRouteSpec<TBody, TPath, TQuery>,
  handle: (request: HttpRequest<TBody, TPath, TQuery>) => Promise<HttpResult>,
) =>
  lambdaHandler(async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    const headers = event.headers ?? {};
    logger.appendKeys({ correlationId: event.requestContext.requestId });
    try {
      const caller = callerOf(event);
      authorize(spec.access, caller);
      return await handle({
        body: parsePart(spec.body, bodyOf(event), 'body'),
        path: parsePart(spec.path, event.pathParameters ?? {}, 'path'),
        query: parsePart(spec.query, event.queryStringParameters ?? {}, 'query'),
        caller,
        headers,
        requestId: event.requestContext.requestId,
        now: (spec.clock ?? systemClock)().toISOString(),
      });
    } catch (error) {
      return errorResponse(error, headers);
    }
  });
