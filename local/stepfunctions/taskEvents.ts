import type { TaskStateSpec } from './definition';
import type { ExecutionHistory } from './history';
import type { Json } from './json';

/** The history events of one task attempt. */
export interface TaskEvents {
  scheduled(input: Json): void;
  started(): void;
  submitted(output: Json): void;
  succeeded(output: Json): void;
  failed(error: Error): void;
  timedOut(error: Error): void;
}

/**
 * A Task whose Resource is a Lambda function ARN is recorded as AWS records it, with LambdaFunction* events
 * (LambdaFunctionScheduled { resource, input, inputDetails, timeoutInSeconds }, LambdaFunctionStarted without details,
 * LambdaFunctionSucceeded { output, outputDetails }, LambdaFunctionFailed / LambdaFunctionTimedOut { error, cause }).
 */
const lambdaFunctionEvents = (history: ExecutionHistory, spec: TaskStateSpec): TaskEvents => ({
  scheduled: (input) =>
    history.add('LambdaFunctionScheduled', 'lambdaFunctionScheduled', {
      resource: spec.resource.resourceName,
      input: JSON.stringify(input),
      inputDetails: { truncated: false },
      ...(spec.timeoutSeconds === undefined ? {} : { timeoutInSeconds: spec.timeoutSeconds }),
    }),
  started: () => history.add('LambdaFunctionStarted'),
  submitted: () => undefined,
  succeeded: (output) => history.add('LambdaFunctionSucceeded', 'lambdaFunctionSucceeded', { output: JSON.stringify(output), outputDetails: { truncated: false } }),
  failed: (error) => history.add('LambdaFunctionFailed', 'lambdaFunctionFailed', { error: error.name, cause: error.message }),
  timedOut: (error) => history.add('LambdaFunctionTimedOut', 'lambdaFunctionTimedOut', { error: error.name, cause: error.message }),
});

/** Service integrations (`arn:aws:states:::...`) are recorded with Task* events carrying resourceType and resource. */
const integrationEvents = (history: ExecutionHistory, spec: TaskStateSpec, region: string): TaskEvents => {
  const { resourceType, resourceName: resource } = spec.resource;
  return {
    scheduled: (input) =>
      history.add('TaskScheduled', 'taskScheduled', {
        resourceType,
        resource,
        region,
        parameters: JSON.stringify(input),
        ...(spec.timeoutSeconds === undefined ? {} : { timeoutInSeconds: spec.timeoutSeconds }),
        ...(spec.heartbeatSeconds === undefined ? {} : { heartbeatInSeconds: spec.heartbeatSeconds }),
      }),
    started: () => history.add('TaskStarted', 'taskStarted', { resourceType, resource }),
    submitted: (output) => history.add('TaskSubmitted', 'taskSubmitted', { resourceType, resource, output: JSON.stringify(output) }),
    succeeded: (output) => history.add('TaskSucceeded', 'taskSucceeded', { resourceType, resource, output: JSON.stringify(output), outputDetails: { truncated: false } }),
    failed: (error) => history.add('TaskFailed', 'taskFailed', { resourceType, resource, error: error.name, cause: error.message }),
    timedOut: (error) => history.add('TaskTimedOut', 'taskTimedOut', { resourceType, resource, error: error.name, cause: error.message }),
  };
};

export const taskEventsFor = (history: ExecutionHistory, spec: TaskStateSpec, region: string): TaskEvents =>
  spec.resource.integration.kind === 'lambdaFunction' ? lambdaFunctionEvents(history, spec) : integrationEvents(history, spec, region);
