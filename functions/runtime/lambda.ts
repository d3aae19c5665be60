import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { tracer } from './tracer';

/**
 * The one runtime every handler runs in: each log line carries the Lambda context (request id, function, cold
 * start), and keys a handler appends (`logEventIds`, the HTTP request id) are reset at each invocation, so a warm
 * container never lends one invocation's ids to the next; the invocation is an X-Ray segment with the SDK calls in it.
 *
 * @example
 * export const handler = lambdaHandler(async (event: unknown) => ({ ok: true }));
 */
export const lambdaHandler = <TEvent, TResult>(handle: (event: TEvent, context: Context) => Promise<TResult>) =>
  middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }));
