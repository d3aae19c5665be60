/**
 * A function error as Lambda reports it (the `X-Amz-Function-Error: Unhandled` payload): errorType and
 * errorMessage from what the handler threw, and its stack as trace.
 */
export class LambdaFunctionError extends Error {
  constructor(
    readonly functionName: string,
    readonly errorType: string,
    readonly errorMessage: string,
    readonly trace: readonly string[] = [],
  ) {
    super(`${functionName} failed: ${errorType}: ${errorMessage}`);
    this.name = 'LambdaFunctionError';
  }
}

/** The function ran past its configured timeout; its worker was terminated, as Lambda freezes and discards the sandbox. */
export class LambdaTimeoutError extends LambdaFunctionError {
  constructor(functionName: string, timeoutSeconds: number) {
    super(functionName, 'Sandbox.Timedout', `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
    this.name = 'LambdaTimeoutError';
  }
}

export class UnknownFunctionError extends Error {
  constructor(nameOrKey: string, known: readonly string[]) {
    super(`No local function "${nameOrKey}": invoke one of ${known.join(', ') || '(none declared in serverless.yml)'} by key or by name`);
    this.name = 'UnknownFunctionError';
  }
}

export class LambdaRuntimeStoppedError extends Error {
  constructor(functionName: string) {
    super(`The local Lambda runtime was stopped before ${functionName} could answer: start it again to invoke`);
    this.name = 'LambdaRuntimeStoppedError';
  }
}

/** True for the timeout error, whether or not it crossed a boundary that lost its class. */
export const isLambdaTimeout = (error: unknown): boolean =>
  error instanceof LambdaTimeoutError || (error instanceof LambdaFunctionError && error.errorType === 'Sandbox.Timedout');
