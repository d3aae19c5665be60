import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger per container; the service name comes from POWERTOOLS_SERVICE_NAME. Handlers add the
 * Lambda context with Powertools' `injectLambdaContext` middleware and, for work caused by an event, the event's
 * ids with `logEventIds`, so one search finds every line a command caused across functions.
 */
export const logger = new Logger();

/** The ids of an event envelope that tie a log line to the command that caused it. */
export interface EventIds {
  readonly eventId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/** Adds an event's correlation and causation ids to every line logged until they are reset (`injectLambdaContext({ resetKeys: true })` does at each invocation). */
export const logEventIds = (ids: EventIds): void => {
  logger.appendKeys({ eventId: ids.eventId, correlationId: ids.correlationId, causationId: ids.causationId });
};
