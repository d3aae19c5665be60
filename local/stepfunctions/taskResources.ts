/** The service integrations the local Step Functions can run, keyed the way a Task state's `Resource` names them. */
export type TaskIntegration =
  | { kind: 'lambdaFunction'; functionArn: string }
  | { kind: 'lambdaInvoke' }
  | { kind: 'eventsPutEvents' }
  | { kind: 'dynamodb'; action: DynamoDbAction }
  | { kind: 'mediaConvertCreateJob' };

export type DynamoDbAction = 'getItem' | 'putItem' | 'updateItem' | 'deleteItem';

/** Request-response, run-a-job (`.sync`) or wait-for-callback (`.waitForTaskToken`). */
export type IntegrationPattern = 'requestResponse' | 'sync' | 'waitForTaskToken';

export interface TaskResource {
  integration: TaskIntegration;
  pattern: IntegrationPattern;
  /** As execution history reports it: `resourceType` "lambda", `resource` "invoke.waitForTaskToken" or a function ARN. */
  resourceType: string;
  resourceName: string;
}

const lambdaFunctionArn = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;
const optimizedIntegration = /^arn:aws[\w-]*:states:::([\w-]+):(\w+)(\.sync|\.waitForTaskToken)?$/;

const dynamoDbActions = ['getItem', 'putItem', 'updateItem', 'deleteItem'] as const;
const isDynamoDbAction = (action: string): action is (typeof dynamoDbActions)[number] => (dynamoDbActions as readonly string[]).includes(action);

const patternOf = (suffix: string | undefined): IntegrationPattern =>
  suffix === '.sync' ? 'sync' : suffix === '.waitForTaskToken' ? 'waitForTaskToken' : 'requestResponse';

const integrationFor = (service: string, action: string): TaskIntegration | undefined => {
  if (service === 'lambda' && action === 'invoke') return { kind: 'lambdaInvoke' };
  if (service === 'events' && action === 'putEvents') return { kind: 'eventsPutEvents' };
  if (service === 'mediaconvert' && action === 'createJob') return { kind: 'mediaConvertCreateJob' };
  if (service === 'dynamodb' && isDynamoDbAction(action)) return { kind: 'dynamodb', action };
  return undefined;
};

/** Recognises a Task state's Resource, or returns undefined for one the local service cannot run. */
export const parseTaskResource = (resource: string): TaskResource | undefined => {
  if (lambdaFunctionArn.test(resource)) {
    return { integration: { kind: 'lambdaFunction', functionArn: resource }, pattern: 'requestResponse', resourceType: 'lambda', resourceName: resource };
  }
  const match = optimizedIntegration.exec(resource);
  if (!match) return undefined;
  const [, service = '', action = '', suffix] = match;
  const integration = integrationFor(service, action);
  if (!integration) return undefined;
  const pattern = patternOf(suffix);
  // AWS offers .sync only where a job can be awaited; of ours that is MediaConvert.
  if (pattern === 'sync' && integration.kind !== 'mediaConvertCreateJob') return undefined;
  return { integration, pattern, resourceType: service, resourceName: `${action}${suffix ?? ''}` };
};
