import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';

type ErrorConstructor0 = new () => Error;

let capturedConstructor: Promise<ErrorConstructor0> | undefined;

/**
 * The interpreter lets `States.TaskFailed` match every Task error except instances of its own (unexported)
 * StatesTimeoutError class, which is how AWS keeps timeouts out of that wildcard. The service times tasks itself, so
 * it needs that class: it is taken from the error of a probe task that never answers and times out after 1 ms.
 */
const captureConstructor = async (): Promise<ErrorConstructor0> => {
  const probe = new StateMachine(
    { StartAt: 'Probe', States: { Probe: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:probe', TimeoutSeconds: 0.001, End: true } } },
    { validationOptions: { noValidate: true } },
  );
  const run = probe.run(null, {
    // A task that never answers: only the timeout can end it, however late a loaded machine runs the timer.
    overrides: { taskResourceLocalHandlers: { Probe: () => new Promise<null>(() => undefined) } },
  });
  try {
    await run.result;
  } catch (error) {
    const cause = error instanceof ExecutionError ? error.cause : undefined;
    if (cause instanceof Error && cause.name === 'States.Timeout') {
      const constructor: unknown = cause.constructor;
      if (typeof constructor === 'function') return constructor as ErrorConstructor0;
    }
  }
  throw new Error('aws-local-stepfunctions no longer reports task timeouts as expected: check its version (3.0.0 is supported)');
};

export type TimeoutErrorFactory = (errorName: 'States.Timeout' | 'States.HeartbeatTimeout', cause: string) => Error;

/** Resolves with a maker of task timeout errors that the interpreter treats as AWS does. */
export const loadTimeoutErrorFactory = async (): Promise<TimeoutErrorFactory> => {
  capturedConstructor ??= captureConstructor();
  const TimeoutError = await capturedConstructor;
  return (errorName, cause) => {
    const error = new TimeoutError();
    error.name = errorName;
    error.message = cause;
    return error;
  };
};
