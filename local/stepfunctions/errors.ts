/**
 * An error the Step Functions API returns to its caller; `code` becomes the wire `__type`, which the AWS SDK turns
 * into the thrown error's name (e.g. `ExecutionAlreadyExists`).
 */
export class StepFunctionsApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'StepFunctionsApiError';
  }
}

/** A state machine definition that AWS would reject, or that the local interpreter would silently run wrongly. */
export class InvalidDefinitionError extends StepFunctionsApiError {
  constructor(stateMachineName: string, problems: string[]) {
    super('InvalidDefinition', `State machine '${stateMachineName}' cannot run locally: ${problems.join('; ')}`);
    this.name = 'InvalidDefinitionError';
  }
}

/**
 * A failure of one Task state, named as Step Functions names it (`error`) with its human-readable `cause`; the
 * interpreter matches `name` against Retry/Catch `ErrorEquals` and reports `message` as the Cause.
 */
export class TaskFailedError extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}
