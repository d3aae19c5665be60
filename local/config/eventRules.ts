import { InvalidScheduleExpressionError, parseScheduleExpression } from '../scheduler/scheduleExpression';
import { ServerlessConfigError } from './errors';
import type { EventRule, LocalFunction, ScheduledRule, StreamSubscription } from './model';

/** Pattern rules from functions' eventBridge events (scheduled ones stay on the function as events). */
export const functionEventRules = (functions: readonly LocalFunction[]): EventRule[] =>
  functions.flatMap((fn) =>
    fn.events.flatMap((event): EventRule[] =>
      event.kind === 'eventBridge' && event.pattern !== undefined
        ? [
            {
              name: event.ruleName,
              eventBusName: event.eventBusName,
              pattern: event.pattern,
              targets: [
                {
                  kind: 'function',
                  name: fn.name,
                  ...(event.input === undefined ? {} : { input: event.input }),
                  ...(event.inputPath === undefined ? {} : { inputPath: event.inputPath }),
                  ...(event.inputTransformer === undefined ? {} : { inputTransformer: event.inputTransformer }),
                },
              ],
            },
          ]
        : [],
    ),
  );

/** DynamoDB stream event source mappings; disabled mappings and Kinesis streams have no local poller. */
export const streamSubscriptions = (functions: readonly LocalFunction[]): StreamSubscription[] =>
  functions.flatMap((fn) =>
    fn.events.flatMap((event): StreamSubscription[] =>
      event.kind === 'stream' && event.type === 'dynamodb' && event.enabled && event.tableName !== undefined
        ? [
            {
              functionKey: fn.key,
              tableName: event.tableName,
              batchSize: event.batchSize,
              startingPosition: event.startingPosition,
              maximumRetryAttempts: event.maximumRetryAttempts,
              bisectBatchOnFunctionError: event.bisectBatchOnFunctionError,
              ...(event.functionResponseType === undefined ? {} : { functionResponseType: event.functionResponseType }),
              ...(event.onFailure === undefined ? {} : { onFailure: event.onFailure }),
              ...(event.filterPatterns === undefined ? {} : { filterPatterns: event.filterPatterns }),
            },
          ]
        : [],
    ),
  );

const checkedExpression = (expression: string, where: string): string => {
  try {
    parseScheduleExpression(expression);
  } catch (error) {
    if (error instanceof InvalidScheduleExpressionError) throw new ServerlessConfigError(where, error.message);
    throw error;
  }
  return expression;
};

/**
 * Schedule rules: one per expression of each enabled `schedule` event (serverless accepts a list of them) and one
 * per `eventBridge` event with a `schedule`. Expressions are checked here, so a malformed one stops `npm start`
 * with the function it belongs to.
 */
export const scheduledRules = (functions: readonly LocalFunction[]): ScheduledRule[] =>
  functions.flatMap((fn) => {
    let ordinal = 0;
    return fn.events.flatMap((event, index): ScheduledRule[] => {
      const where = `functions.${fn.key}.events[${index}]`;
      if (event.kind === 'schedule' && event.enabled)
        return event.rate.map((expression) => {
          ordinal += 1;
          return {
            name: `${fn.name}-schedule-${ordinal}`,
            functionKey: fn.key,
            functionName: fn.name,
            expression: checkedExpression(expression, `${where}.schedule`),
            ...(event.input === undefined ? {} : { input: event.input }),
          };
        });
      if (event.kind === 'eventBridge' && event.schedule !== undefined && event.pattern === undefined)
        return [
          {
            name: event.ruleName,
            functionKey: fn.key,
            functionName: fn.name,
            expression: checkedExpression(event.schedule, `${where}.eventBridge.schedule`),
            ...(event.input === undefined ? {} : { input: event.input }),
          },
        ];
      return [];
    });
  });
