import type { EventRule, LocalFunction, StreamSubscription } from './model';

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
