/**
 * Errors that cross the AWS JSON protocol carry the `__type` AWS would send, so the SDK raises the same
 * exception name locally as in the cloud.
 */
export abstract class EventBridgeApiError extends Error {
  abstract readonly awsErrorCode: string;
  abstract readonly httpStatus: number;
}

/** A pattern EventBridge would refuse at PutRule or TestEventPattern. */
export class InvalidEventPatternError extends EventBridgeApiError {
  readonly awsErrorCode = 'InvalidEventPatternException';
  readonly httpStatus = 400;
  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = 'InvalidEventPatternError';
  }
}

/** A request that is invalid as a whole (too many entries, too large, missing parameter). */
export class EventBridgeValidationError extends EventBridgeApiError {
  readonly awsErrorCode = 'ValidationException';
  readonly httpStatus = 400;
  constructor(message: string) {
    super(message);
    this.name = 'EventBridgeValidationError';
  }
}

export class ResourceNotFoundError extends EventBridgeApiError {
  readonly awsErrorCode = 'ResourceNotFoundException';
  readonly httpStatus = 400;
  constructor(message: string) {
    super(message);
    this.name = 'ResourceNotFoundError';
  }
}

export class UnknownOperationError extends EventBridgeApiError {
  readonly awsErrorCode = 'UnknownOperationException';
  readonly httpStatus = 400;
  constructor(operation: string) {
    super(
      `Operation ${operation} is not supported by the local EventBridge. Supported: PutEvents, TestEventPattern, ` +
        'ListRules, DescribeRule, ListTargetsByRule, DescribeEventBus, ListEventBuses.',
    );
    this.name = 'UnknownOperationError';
  }
}

export class SerializationError extends EventBridgeApiError {
  readonly awsErrorCode = 'SerializationException';
  readonly httpStatus = 400;
  constructor(message: string) {
    super(message);
    this.name = 'SerializationError';
  }
}

/** The local configuration (buses, rules) cannot describe a working EventBridge: fix serverless.yml. */
export class EventBridgeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventBridgeConfigError';
  }
}
