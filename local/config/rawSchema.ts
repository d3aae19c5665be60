import { z } from 'zod';

/** The parts of serverless.yml (after variables are resolved) that the local stack reads. */

const json = z.record(z.string(), z.unknown());
const stringList = z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value]));

export const rawCorsSchema = z.union([
  z.boolean(),
  z.looseObject({
    allowedOrigins: stringList.optional(),
    allowedHeaders: stringList.optional(),
    allowedMethods: stringList.optional(),
    allowCredentials: z.boolean().optional(),
    exposedResponseHeaders: stringList.optional(),
    maxAge: z.number().int().nonnegative().optional(),
  }),
]);

export const rawAuthorizerSchema = z.looseObject({
  type: z.literal('jwt', { error: 'only JWT authorizers run locally (type: jwt); Lambda request authorizers are not supported yet' }).optional(),
  identitySource: z.string().optional(),
  // Strings, or CloudFormation intrinsics (a Cognito pool's issuer is a Fn::Join over its Ref), resolved later.
  issuerUrl: z.unknown().refine((value) => value !== undefined && value !== null, { error: 'a JWT authorizer needs issuerUrl' }),
  audience: z.unknown(),
});

export const rawFunctionSchema = z.looseObject({
  handler: z.string({ error: 'is required: "<file path>.<export>", e.g. functions/health/handler.handler' }).regex(/^[^\s]+\.[A-Za-z_$][\w$]*$/, {
    error: 'must be "<file path>.<export>", e.g. functions/health/handler.handler',
  }),
  name: z.string().optional(),
  environment: json.optional(),
  timeout: z.number().positive().optional(),
  memorySize: z.number().int().positive().optional(),
  events: z.array(json.refine((event) => Object.keys(event).length === 1, { error: 'an event must have exactly one kind, e.g. { httpApi: ... }' })).optional(),
});

export const rawTargetInputSchema = {
  input: z.unknown().optional(),
  inputPath: z.string().optional(),
  inputTransformer: z.strictObject({ inputPathsMap: z.record(z.string(), z.string()).optional(), inputTemplate: z.string() }).optional(),
};

export const rawHttpApiEventSchema = z.union([
  z.string().regex(/^(\*|(ANY|GET|POST|PUT|PATCH|OPTIONS|HEAD|DELETE) \/\S*)$/i, { error: 'must be "*" or "<METHOD> <path>", e.g. "GET /shows/{showId}"' }),
  z.looseObject({
    method: z.string().regex(/^(\*|ANY|GET|POST|PUT|PATCH|OPTIONS|HEAD|DELETE)$/i, { error: 'must be *, ANY, GET, POST, PUT, PATCH, OPTIONS, HEAD or DELETE' }).optional(),
    path: z.string().regex(/^(\*|\/\S*)$/, { error: 'must be "*" or start with /' }),
    authorizer: z.union([z.string(), z.looseObject({ name: z.string(), scopes: stringList.optional() })]).optional(),
  }),
]);

export const rawEventBridgeEventSchema = z
  .looseObject({
    eventBus: z.unknown().optional(),
    pattern: json.optional(),
    schedule: z.string().optional(),
    name: z.string().optional(),
    enabled: z.boolean().optional(),
    ...rawTargetInputSchema,
  })
  .refine((event) => event.pattern !== undefined || event.schedule !== undefined, { error: 'needs a pattern or a schedule' });

export const rawStreamEventSchema = z.union([
  z.string(),
  z.looseObject({
    arn: z.unknown(),
    type: z.enum(['dynamodb', 'kinesis']).optional(),
    batchSize: z.number().int().positive().max(10000).optional(),
    startingPosition: z.enum(['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP']).optional(),
    maximumRetryAttempts: z.number().int().min(-1).max(10000).optional(),
    bisectBatchOnFunctionError: z.boolean().optional(),
    functionResponseType: z.literal('ReportBatchItemFailures').optional(),
    destinations: z.looseObject({ onFailure: z.union([z.string(), json]).optional() }).optional(),
    filterPatterns: z.array(json).optional(),
    enabled: z.boolean().optional(),
  }),
]);

export const rawScheduleEventSchema = z.union([
  z.string(),
  z.looseObject({ rate: stringList, enabled: z.boolean().optional(), input: z.unknown().optional() }),
]);

export const rawS3EventSchema = z.union([
  z.string(),
  z.looseObject({
    bucket: z.string(),
    event: z.string().optional(),
    rules: z.array(z.looseObject({ prefix: z.string().optional(), suffix: z.string().optional() })).optional(),
    existing: z.boolean().optional(),
  }),
]);

export const rawSqsEventSchema = z.union([
  z.string(),
  z.looseObject({ arn: z.unknown(), batchSize: z.number().int().positive().optional(), functionResponseType: z.literal('ReportBatchItemFailures').optional() }),
]);

export const rawStateMachineSchema = z.looseObject({
  name: z.string().optional(),
  id: z.string().optional(),
  type: z.enum(['STANDARD', 'EXPRESS']).optional(),
  definition: json.refine((definition) => 'StartAt' in definition && 'States' in definition, { error: 'must be an ASL object with StartAt and States' }),
  events: z.array(json).optional(),
});

export const rawStateMachineEventBridgeSchema = z.looseObject({
  event: json,
  eventBusName: z.unknown().optional(),
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  ...rawTargetInputSchema,
});

export const rawResourceSchema = z.looseObject({ Type: z.string(), Properties: json.optional() });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The framework lets `functions:` be a list of maps (typically `${file(...)}` per feature folder), merged in order. */
const mergeList = (value: unknown): unknown =>
  Array.isArray(value) ? Object.assign({}, ...value.filter(isRecord)) : value;

/** Likewise `resources:` may be a list of `{ Resources, Outputs }` fragments, merged in order. */
const mergeResourceList = (value: unknown): unknown =>
  Array.isArray(value)
    ? { ...Object.assign({}, ...value.filter(isRecord)), Resources: Object.assign({}, ...value.filter(isRecord).map((part) => (isRecord(part.Resources) ? part.Resources : {}))) }
    : value;

export const rawServerlessSchema = z.looseObject({
  service: z.union([z.string(), z.looseObject({ name: z.string() }).transform((service) => service.name)], { error: 'service is required' }),
  provider: z.looseObject({
    name: z.literal('aws', { error: 'only provider aws is supported' }),
    stage: z.string().optional(),
    region: z.string().optional(),
    environment: json.optional(),
    timeout: z.number().positive().optional(),
    memorySize: z.number().int().positive().optional(),
    httpApi: z
      .looseObject({
        cors: rawCorsSchema.optional(),
        authorizers: z.record(z.string(), rawAuthorizerSchema).optional(),
        payload: z.literal('2.0', { error: "only payload format '2.0' (the framework's default) runs locally" }).optional(),
      })
      .optional(),
  }),
  functions: z.preprocess(mergeList, z.record(z.string(), rawFunctionSchema).nullish()),
  stepFunctions: z.looseObject({ stateMachines: z.record(z.string(), rawStateMachineSchema).nullish() }).optional(),
  resources: z.preprocess(mergeResourceList, z.looseObject({ Resources: z.record(z.string(), rawResourceSchema).nullish() }).optional()),
});
export type RawServerless = z.infer<typeof rawServerlessSchema>;
export type RawFunction = z.infer<typeof rawFunctionSchema>;
