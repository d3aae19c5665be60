import type { BuildContext } from './context';
import { ServerlessConfigError } from './errors';
import { resolveIntrinsics } from './intrinsics';
import type { FunctionEvent } from './model';
import { nameFromArn } from './naming';
import {
  rawEventBridgeEventSchema,
  rawHttpApiEventSchema,
  rawS3EventSchema,
  rawScheduleEventSchema,
  rawSqsEventSchema,
  rawStreamEventSchema,
} from './rawSchema';
import { strictParse } from './strictParse';

const resolvedString = (value: unknown, context: BuildContext, where: string): string => {
  const resolved = resolveIntrinsics(value, context, where);
  if (typeof resolved !== 'string') throw new ServerlessConfigError(where, `must be a string, an ARN or an intrinsic (!GetAtt / !Ref), got ${JSON.stringify(resolved)}`);
  return resolved;
};

/** `arn:aws:events:...:event-bus/name`, a bus name, or an intrinsic -> the bus name. */
export const eventBusNameOf = (value: unknown, context: BuildContext, where: string): string => {
  if (value === undefined) return 'default';
  const resolved = resolvedString(value, context, where);
  return resolved.startsWith('arn:') ? (nameFromArn(resolved) ?? resolved) : resolved;
};

// The shorthand `httpApi: 'GET /path'` (or `'*'`, the catch-all route).
const httpApiShorthand = (event: string): FunctionEvent => {
  if (event === '*') return { kind: 'httpApi', method: 'ANY', path: '$default' };
  const [method = '', path = ''] = event.split(' ');
  return { kind: 'httpApi', method: method.toUpperCase() === '*' ? 'ANY' : method.toUpperCase(), path };
};

// `authorizer: name` or `authorizer: { name, scopes }`, kept as the second form.
const httpAuthorizer = (authorizer: string | { name: string; scopes?: string[] | undefined } | undefined) => {
  if (authorizer === undefined) return {};
  const { name, scopes } = typeof authorizer === 'string' ? { name: authorizer, scopes: undefined } : authorizer;
  return { authorizer: { name, ...(scopes === undefined ? {} : { scopes }) } };
};

const httpApiEvent = (config: unknown, where: string): FunctionEvent => {
  const event = strictParse(rawHttpApiEventSchema, config, where);
  if (typeof event === 'string') return httpApiShorthand(event);
  if (event.path !== '*' && event.method === undefined) throw new ServerlessConfigError(`${where}.method`, 'is required unless path is "*"');
  const method = event.path === '*' || event.method === '*' ? 'ANY' : (event.method ?? 'ANY').toUpperCase();
  return { kind: 'httpApi', method, path: event.path === '*' ? '$default' : event.path, ...httpAuthorizer(event.authorizer) };
};

const eventBridgeEvent = (config: unknown, where: string, context: BuildContext, functionName: string, ordinal: number): FunctionEvent => {
  const event = strictParse(rawEventBridgeEventSchema, config, where);
  return {
    kind: 'eventBridge',
    ruleName: event.name ?? `${functionName}-rule-${ordinal}`,
    eventBusName: eventBusNameOf(event.eventBus, context, `${where}.eventBus`),
    ...(event.pattern === undefined ? {} : { pattern: resolveIntrinsics(event.pattern, context, `${where}.pattern`) as Record<string, unknown> }),
    ...(event.schedule === undefined ? {} : { schedule: event.schedule }),
    ...(event.input === undefined ? {} : { input: resolveIntrinsics(event.input, context, `${where}.input`) }),
    ...(event.inputPath === undefined ? {} : { inputPath: event.inputPath }),
    ...(event.inputTransformer === undefined ? {} : { inputTransformer: event.inputTransformer }),
  };
};

// `onFailure: arn` or `onFailure: { arn, type }`, where arn may be an intrinsic.
const onFailureDestination = (value: string | Record<string, unknown> | undefined, context: BuildContext, where: string): string | undefined => {
  if (value === undefined || typeof value === 'string') return value;
  return resolvedString('arn' in value ? value.arn : value, context, where);
};

type StreamEventConfig = Exclude<ReturnType<typeof rawStreamEventSchema.parse>, string>;

// How Lambda polls and retries the stream, with the defaults the framework writes when serverless.yml says nothing.
const streamPolling = (detail: StreamEventConfig) => ({
  batchSize: detail.batchSize ?? 100,
  // The framework's default, not Lambda's (Lambda requires one for streams; serverless fills TRIM_HORIZON).
  startingPosition: detail.startingPosition ?? 'TRIM_HORIZON',
  // -1: Lambda retries a failing stream batch until the record expires.
  maximumRetryAttempts: detail.maximumRetryAttempts ?? -1,
  bisectBatchOnFunctionError: detail.bisectBatchOnFunctionError ?? false,
  ...(detail.functionResponseType === undefined ? {} : { functionResponseType: detail.functionResponseType }),
});

const streamEvent = (config: unknown, where: string, context: BuildContext): FunctionEvent => {
  const parsed = strictParse(rawStreamEventSchema, config, where);
  const event: StreamEventConfig = typeof parsed === 'string' ? { arn: parsed } : parsed;
  const arn = resolvedString(event.arn, context, `${where}.arn`);
  const type = event.type ?? (arn.includes(':dynamodb:') ? 'dynamodb' : 'kinesis');
  const onFailure = onFailureDestination(event.destinations?.onFailure, context, `${where}.destinations.onFailure`);
  const tableName = type === 'dynamodb' ? nameFromArn(arn) : undefined;
  return {
    kind: 'stream',
    type,
    arn,
    ...(tableName === undefined ? {} : { tableName }),
    ...streamPolling(event),
    ...(onFailure === undefined ? {} : { onFailure }),
    ...(event.filterPatterns === undefined ? {} : { filterPatterns: event.filterPatterns }),
    enabled: event.enabled ?? true,
  };
};

const scheduleEvent = (config: unknown, where: string): FunctionEvent => {
  const event = strictParse(rawScheduleEventSchema, config, where);
  if (typeof event === 'string') return { kind: 'schedule', rate: [event], enabled: true };
  return { kind: 'schedule', rate: event.rate, enabled: event.enabled ?? true, ...(event.input === undefined ? {} : { input: event.input }) };
};

const s3Event = (config: unknown, where: string): FunctionEvent => {
  const event = strictParse(rawS3EventSchema, config, where);
  if (typeof event === 'string') return { kind: 's3', bucket: event, event: 's3:ObjectCreated:*', rules: [], existing: false };
  return {
    kind: 's3',
    bucket: event.bucket,
    event: event.event ?? 's3:ObjectCreated:*',
    rules: (event.rules ?? []).map((rule) => ({
      ...(rule.prefix === undefined ? {} : { prefix: rule.prefix }),
      ...(rule.suffix === undefined ? {} : { suffix: rule.suffix }),
    })),
    existing: event.existing ?? false,
  };
};

const sqsEvent = (config: unknown, where: string, context: BuildContext): FunctionEvent => {
  const parsed = strictParse(rawSqsEventSchema, config, where);
  const event = typeof parsed === 'string' ? { arn: parsed } : parsed;
  return {
    kind: 'sqs',
    arn: resolvedString(event.arn, context, `${where}.arn`),
    batchSize: ('batchSize' in event ? event.batchSize : undefined) ?? 10,
    ...('functionResponseType' in event && event.functionResponseType !== undefined ? { functionResponseType: event.functionResponseType } : {}),
  };
};

/** One function's `events:` list in a form the local stand-ins consume, with intrinsics resolved. */
export const normalizeFunctionEvents = (
  events: readonly Record<string, unknown>[],
  where: string,
  context: BuildContext,
  functionName: string,
): FunctionEvent[] => {
  let eventBridgeOrdinal = 0;
  return events.map((event, index) => {
    const [kind = '', config] = Object.entries(event)[0] ?? [];
    const at = `${where}[${index}].${kind}`;
    switch (kind) {
      case 'httpApi':
        return httpApiEvent(config, at);
      case 'eventBridge':
        eventBridgeOrdinal += 1;
        return eventBridgeEvent(config, at, context, functionName, eventBridgeOrdinal);
      case 'stream':
        return streamEvent(config, at, context);
      case 'schedule':
        return scheduleEvent(config, at);
      case 's3':
        return s3Event(config, at);
      case 'sqs':
        return sqsEvent(config, at, context);
      default:
        return { kind: 'unsupported', type: kind, config };
    }
  });
};
