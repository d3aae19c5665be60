import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';

/** The local model of serverless.yml: everything `npm start` runs, with every variable and intrinsic resolved. */

const jsonObject = z.record(z.string(), z.unknown());

export const inputTransformerSchema = z.strictObject({
  inputPathsMap: z.record(z.string(), z.string()).optional(),
  inputTemplate: z.string(),
});

const targetInputSchema = {
  input: z.unknown().optional(),
  inputPath: z.string().optional(),
  inputTransformer: inputTransformerSchema.optional(),
};

export const httpApiEventSchema = z.strictObject({
  kind: z.literal('httpApi'),
  method: z.string(),
  path: z.string(),
  authorizer: z.strictObject({ name: z.string(), scopes: z.array(z.string()).optional() }).optional(),
});

export const eventBridgeEventSchema = z.strictObject({
  kind: z.literal('eventBridge'),
  ruleName: z.string(),
  eventBusName: z.string(),
  pattern: jsonObject.optional(),
  schedule: z.string().optional(),
  ...targetInputSchema,
});

export const streamEventSchema = z.strictObject({
  kind: z.literal('stream'),
  type: z.enum(['dynamodb', 'kinesis']),
  arn: z.string(),
  tableName: z.string().optional(),
  batchSize: z.number().int().positive(),
  startingPosition: z.enum(['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP']),
  maximumRetryAttempts: z.number().int(),
  bisectBatchOnFunctionError: z.boolean(),
  functionResponseType: z.literal('ReportBatchItemFailures').optional(),
  onFailure: z.string().optional(),
  filterPatterns: z.array(jsonObject).optional(),
  enabled: z.boolean(),
});

export const scheduleEventSchema = z.strictObject({
  kind: z.literal('schedule'),
  rate: z.array(z.string()),
  enabled: z.boolean(),
  input: z.unknown().optional(),
});

export const s3EventSchema = z.strictObject({
  kind: z.literal('s3'),
  bucket: z.string(),
  event: z.string(),
  rules: z.array(z.strictObject({ prefix: z.string().optional(), suffix: z.string().optional() })),
  existing: z.boolean(),
});

export const sqsEventSchema = z.strictObject({
  kind: z.literal('sqs'),
  arn: z.string(),
  batchSize: z.number().int().positive(),
  functionResponseType: z.literal('ReportBatchItemFailures').optional(),
});

/** An event kind with no local stand-in yet (alb, iot, websocket, ...): kept so tools can warn about it. */
export const unsupportedEventSchema = z.strictObject({
  kind: z.literal('unsupported'),
  type: z.string(),
  config: z.unknown(),
});

export const functionEventSchema = z.discriminatedUnion('kind', [
  httpApiEventSchema,
  eventBridgeEventSchema,
  streamEventSchema,
  scheduleEventSchema,
  s3EventSchema,
  sqsEventSchema,
  unsupportedEventSchema,
]);
export type FunctionEvent = z.infer<typeof functionEventSchema>;

export const localFunctionSchema = z.strictObject({
  key: z.string(),
  name: z.string(),
  handler: z.strictObject({ file: z.string(), export: z.string() }),
  environment: z.record(z.string(), z.string()),
  timeoutSeconds: z.number().positive(),
  memorySize: z.number().int().positive(),
  events: z.array(functionEventSchema),
});
export type LocalFunction = z.infer<typeof localFunctionSchema>;

export const httpRouteSchema = z.strictObject({
  /** `GET`, ..., or `ANY`; `$default` routes carry `ANY`. */
  method: z.string(),
  /** `/shows/{showId}`, `/files/{proxy+}`, or `$default`. */
  path: z.string(),
  functionKey: z.string(),
  authorizer: z.strictObject({ name: z.string(), scopes: z.array(z.string()).optional() }).optional(),
});
export type HttpRoute = z.infer<typeof httpRouteSchema>;

export const corsSchema = z.strictObject({
  allowedOrigins: z.array(z.string()),
  allowedHeaders: z.array(z.string()),
  allowedMethods: z.array(z.string()),
  allowCredentials: z.boolean(),
  exposedResponseHeaders: z.array(z.string()),
  maxAge: z.number().int().nonnegative().optional(),
});
export type CorsConfig = z.infer<typeof corsSchema>;

export const jwtAuthorizerSchema = z.strictObject({
  type: z.literal('jwt'),
  identitySource: z.string(),
  issuerUrl: z.string(),
  audience: z.array(z.string()),
});
export type JwtAuthorizerConfig = z.infer<typeof jwtAuthorizerSchema>;

export const eventRuleTargetSchema = z.strictObject({
  kind: z.enum(['function', 'stateMachine']),
  /** Lambda function name or state machine name. */
  name: z.string(),
  ...targetInputSchema,
});

export const eventRuleSchema = z.strictObject({
  name: z.string(),
  eventBusName: z.string(),
  pattern: jsonObject,
  targets: z.array(eventRuleTargetSchema).min(1),
});
export type EventRule = z.infer<typeof eventRuleSchema>;

export const streamSubscriptionSchema = z.strictObject({
  functionKey: z.string(),
  tableName: z.string(),
  batchSize: z.number().int().positive(),
  startingPosition: z.enum(['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP']),
  maximumRetryAttempts: z.number().int(),
  bisectBatchOnFunctionError: z.boolean(),
  functionResponseType: z.literal('ReportBatchItemFailures').optional(),
  onFailure: z.string().optional(),
  filterPatterns: z.array(jsonObject).optional(),
});
export type StreamSubscription = z.infer<typeof streamSubscriptionSchema>;

/** A schedule rule (a function's `schedule` event, or an `eventBridge` event with `schedule`) and its target. */
export const scheduledRuleSchema = z.strictObject({
  name: z.string(),
  functionKey: z.string(),
  functionName: z.string(),
  /** `rate(...)` or `cron(...)`, checked at load (local/scheduler). */
  expression: z.string(),
  input: z.unknown().optional(),
});
export type ScheduledRule = z.infer<typeof scheduledRuleSchema>;

export const stateMachineSchema = z.strictObject({
  key: z.string(),
  name: z.string(),
  arn: z.string(),
  type: z.enum(['STANDARD', 'EXPRESS']),
  definition: jsonObject,
});
export type LocalStateMachine = z.infer<typeof stateMachineSchema>;

export const tableSchema = z.custom<CreateTableCommandInput & { TableName: string }>(
  (value) => typeof value === 'object' && value !== null && typeof (value as { TableName?: unknown }).TableName === 'string',
);

export const bucketSchema = z.strictObject({
  logicalId: z.string().optional(),
  name: z.string(),
  /** `NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled`: S3 sends this bucket's object events to the default bus. */
  eventBridge: z.boolean(),
  /** The shortest `AbortIncompleteMultipartUpload.DaysAfterInitiation` of the bucket's lifecycle rules, if any. */
  abortIncompleteMultipartUploadDays: z.number().positive().optional(),
  /** `CorsConfiguration.CorsRules` of the bucket resource, as CloudFormation spells them. */
  corsRules: z
    .array(
      z.strictObject({
        AllowedMethods: z.array(z.enum(['GET', 'PUT', 'HEAD', 'POST', 'DELETE'])),
        AllowedOrigins: z.array(z.string()),
        AllowedHeaders: z.array(z.string()).optional(),
        ExposedHeaders: z.array(z.string()).optional(),
        MaxAge: z.number().int().nonnegative().optional(),
        Id: z.string().optional(),
      }),
    )
    .optional(),
});
export const busSchema = z.strictObject({ logicalId: z.string().optional(), name: z.string() });
/** AWS::Events::Archive: every event of its bus (matching its pattern, if any) is kept for replay. */
export const archiveSchema = z.strictObject({ logicalId: z.string(), name: z.string(), eventBusName: z.string(), pattern: jsonObject.optional() });
export type LocalArchive = z.infer<typeof archiveSchema>;
/** AWS::SQS::Queue: created at start with the attributes a local queue honours (local/config/queues.ts). */
export const queueSchema = z.strictObject({ logicalId: z.string(), name: z.string(), attributes: z.record(z.string(), z.string()) });
export type LocalQueue = z.infer<typeof queueSchema>;

/** An AWS::CloudFront::Distribution in front of one of the buckets (local/config/distributions.ts). */
export const distributionSchema = z.strictObject({
  logicalId: z.string(),
  bucket: z.string(),
  /** Cache behaviours' path patterns that trust no key group: served without a signature. */
  unsignedPathPatterns: z.array(z.string()),
  /** The default behaviour's response headers policy's CORS, when it is one of ours (null: none, or a managed one). */
  cors: z
    .strictObject({ allowOrigins: z.array(z.string()), allowMethods: z.array(z.string()), allowHeaders: z.array(z.string()), exposeHeaders: z.array(z.string()), maxAgeSeconds: z.number() })
    .nullable(),
});
export type LocalDistribution = z.infer<typeof distributionSchema>;

export const localServiceSchema = z.strictObject({
  service: z.string(),
  stage: z.string(),
  region: z.string(),
  accountId: z.string(),
  serviceDir: z.string(),
  functions: z.array(localFunctionSchema),
  httpRoutes: z.array(httpRouteSchema),
  httpApi: z.strictObject({ cors: corsSchema.nullable(), authorizers: z.record(z.string(), jwtAuthorizerSchema) }),
  eventRules: z.array(eventRuleSchema),
  streamSubscriptions: z.array(streamSubscriptionSchema),
  schedules: z.array(scheduledRuleSchema),
  stateMachines: z.array(stateMachineSchema),
  tables: z.array(tableSchema),
  buckets: z.array(bucketSchema),
  buses: z.array(busSchema),
  archives: z.array(archiveSchema),
  queues: z.array(queueSchema),
  distributions: z.array(distributionSchema),
  /** Each table's `TimeToLiveSpecification` that is enabled: applied with UpdateTimeToLive (CreateTable cannot). */
  timeToLive: z.array(z.strictObject({ tableName: z.string(), attributeName: z.string() })),
});
export type LocalService = z.infer<typeof localServiceSchema>;
