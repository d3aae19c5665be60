import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { TaskFailedError } from './errors';
import { jsonSchema, type Json } from './json';
import type { DynamoDbAction, TaskIntegration } from './taskResources';

export interface PutEventsEntry {
  EventBusName?: string;
  Source: string;
  DetailType: string;
  Detail: string;
  Resources?: string[];
  Time?: Date;
}

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
}

/** The local parts a Task state's integration talks to. */
export interface IntegrationBackends {
  /** Resolves with the function's result; rejects with an Error named after the function's errorType on a function error. */
  invokeLambda(functionNameOrArn: string, payload: unknown): Promise<unknown>;
  putEvents(entries: PutEventsEntry[]): Promise<PutEventsResult>;
  dynamodb?: DynamoDBClient;
  /** Runs a MediaConvert job to completion and resolves with `{ Job: {...} }` as GetJob would describe it. */
  mediaConvertCreateJob?(settings: unknown): Promise<unknown>;
}

const toJson = (value: unknown): Json => jsonSchema.parse(value === undefined ? null : JSON.parse(JSON.stringify(value)));

const sdkMetadata = () => ({
  SdkHttpMetadata: { HttpHeaders: { 'Content-Type': 'application/x-amz-json-1.0' }, HttpStatusCode: 200 },
  SdkResponseMetadata: { RequestId: randomUUID() },
});

const describeError = (error: unknown): { name: string; message: string; stack: string[] } =>
  error instanceof Error
    ? { name: error.name, message: error.message, stack: (error.stack ?? '').split('\n').slice(1).map((line) => line.trim()) }
    : { name: 'Lambda.Unknown', message: String(error), stack: [] };

/** A Lambda function error as Step Functions reports it: the errorType as Error, Lambda's error payload as Cause. */
const lambdaFunctionError = (error: unknown): TaskFailedError => {
  const { name, message, stack } = describeError(error);
  return new TaskFailedError(name, JSON.stringify({ errorType: name, errorMessage: message, trace: stack }));
};

const invokeLambda = async (backends: IntegrationBackends, functionName: string, payload: Json): Promise<Json> => {
  try {
    return toJson(await backends.invokeLambda(functionName, payload));
  } catch (error) {
    throw lambdaFunctionError(error);
  }
};

const lambdaInvokeParameters = z.object({
  FunctionName: z.string().min(1),
  Payload: jsonSchema.optional(),
  InvocationType: z.enum(['RequestResponse', 'Event', 'DryRun']).optional(),
  Qualifier: z.string().optional(),
});

const lambdaInvoke = async (backends: IntegrationBackends, input: Json): Promise<Json> => {
  const parameters = parseParameters(lambdaInvokeParameters, input, 'lambda:invoke');
  const payload = parameters.Payload ?? {};
  if (parameters.InvocationType === 'Event') {
    // An asynchronous invoke only queues the event: a later function error cannot fail the task.
    void backends.invokeLambda(parameters.FunctionName, payload).catch(() => undefined);
    return { ExecutedVersion: '$LATEST', Payload: '', ...sdkMetadata(), StatusCode: 202 };
  }
  const result = await invokeLambda(backends, parameters.FunctionName, payload);
  return { ExecutedVersion: '$LATEST', Payload: result, ...sdkMetadata(), StatusCode: 200 };
};

const putEventsParameters = z.object({
  Entries: z
    .array(
      z.object({
        Detail: jsonSchema,
        DetailType: z.string(),
        Source: z.string(),
        EventBusName: z.string().optional(),
        Resources: z.array(z.string()).optional(),
        Time: z.string().optional(),
      }),
    )
    .min(1)
    .max(10),
});

const putEvents = async (backends: IntegrationBackends, input: Json): Promise<Json> => {
  const { Entries } = parseParameters(putEventsParameters, input, 'events:putEvents');
  const entries: PutEventsEntry[] = Entries.map((entry) => ({
    Source: entry.Source,
    DetailType: entry.DetailType,
    // Step Functions accepts Detail as JSON and serialises it for EventBridge, which wants a string.
    Detail: typeof entry.Detail === 'string' ? entry.Detail : JSON.stringify(entry.Detail),
    ...(entry.EventBusName === undefined ? {} : { EventBusName: entry.EventBusName }),
    ...(entry.Resources === undefined ? {} : { Resources: entry.Resources }),
    ...(entry.Time === undefined ? {} : { Time: new Date(entry.Time) }),
  }));
  let result: PutEventsResult;
  try {
    result = await backends.putEvents(entries);
  } catch (error) {
    const { name, message } = describeError(error);
    throw new TaskFailedError(`EventBridge.${name}`, message);
  }
  const output = toJson({ Entries: result.Entries, FailedEntryCount: result.FailedEntryCount });
  if (result.FailedEntryCount > 0) throw new TaskFailedError('EventBridge.FailedEntry', JSON.stringify(output));
  return output;
};

// Only the shape needed to address DynamoDB is checked here; DynamoDB rejects malformed parameters itself, as on AWS.
const attributeValue = z.custom<AttributeValue>((value) => typeof value === 'object' && value !== null && !Array.isArray(value));
const attributeMap = z.record(z.string(), attributeValue);
const dynamoDbParameters = {
  getItem: z.object({ TableName: z.string().min(1), Key: attributeMap }).loose(),
  putItem: z.object({ TableName: z.string().min(1), Item: attributeMap }).loose(),
  updateItem: z.object({ TableName: z.string().min(1), Key: attributeMap }).loose(),
  deleteItem: z.object({ TableName: z.string().min(1), Key: attributeMap }).loose(),
};

const sendDynamoDb = (client: DynamoDBClient, action: DynamoDbAction, input: Json) => {
  const name = `dynamodb:${action}`;
  switch (action) {
    case 'getItem':
      return client.send(new GetItemCommand(parseParameters(dynamoDbParameters.getItem, input, name)));
    case 'putItem':
      return client.send(new PutItemCommand(parseParameters(dynamoDbParameters.putItem, input, name)));
    case 'updateItem':
      return client.send(new UpdateItemCommand(parseParameters(dynamoDbParameters.updateItem, input, name)));
    case 'deleteItem':
      return client.send(new DeleteItemCommand(parseParameters(dynamoDbParameters.deleteItem, input, name)));
  }
};

const dynamoDb = async (backends: IntegrationBackends, action: DynamoDbAction, input: Json): Promise<Json> => {
  if (!backends.dynamodb) {
    throw new TaskFailedError('States.TaskFailed', `dynamodb:${action} needs the local service to be created with a dynamodb endpoint`);
  }
  try {
    const { $metadata, ...response } = await sendDynamoDb(backends.dynamodb, action, input);
    return toJson({ ...response, ...sdkMetadata(), SdkResponseMetadata: { RequestId: $metadata.requestId ?? randomUUID() } });
  } catch (error) {
    if (error instanceof TaskFailedError) throw error;
    const { name, message } = describeError(error);
    throw new TaskFailedError(`DynamoDB.${name}`, `${message} (Service: AmazonDynamoDBv2; Error Code: ${name})`);
  }
};

const mediaConvertCreateJob = async (backends: IntegrationBackends, input: Json): Promise<Json> => {
  if (!backends.mediaConvertCreateJob) {
    throw new TaskFailedError('MediaConvert.NotConfiguredLocally', 'mediaconvert:createJob needs the local service to be created with mediaConvertCreateJob');
  }
  try {
    return toJson(await backends.mediaConvertCreateJob(input));
  } catch (error) {
    const { name, message } = describeError(error);
    throw new TaskFailedError(name.startsWith('MediaConvert.') ? name : `MediaConvert.${name}`, message);
  }
};

const parseParameters = <T>(schema: z.ZodType<T>, input: Json, integration: string): T => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new TaskFailedError('States.TaskFailed', `The Parameters for ${integration} are invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
};

/** Calls the local part behind a Task state and returns what the AWS integration would return as the task result. */
export const callIntegration = (backends: IntegrationBackends, integration: TaskIntegration, input: Json): Promise<Json> => {
  switch (integration.kind) {
    case 'lambdaFunction':
      return invokeLambda(backends, integration.functionArn, input);
    case 'lambdaInvoke':
      return lambdaInvoke(backends, input);
    case 'eventsPutEvents':
      return putEvents(backends, input);
    case 'dynamodb':
      return dynamoDb(backends, integration.action, input);
    case 'mediaConvertCreateJob':
      return mediaConvertCreateJob(backends, input);
  }
};
