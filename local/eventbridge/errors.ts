/**
 * Errors that cross the AWS JSON protocol carry the `__type` AWS would send, so the SDK raises the same
 * exception name locally as in the cloud. Every one EventBridge raises here is a 400.
 */
export class EventBridgeApiError extends Error {
  readonly httpStatus = 400;
  constructor(
    readonly awsErrorCode: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A pattern EventBridge would refuse at PutRule or TestEventPattern. */
export class InvalidEventPatternError extends EventBridgeApiError {
  constructor(reason: string) {
    super('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`);
  }
}

/** A request that is invalid as a whole (too many entries, too large, missing parameter). */
export class EventBridgeValidationError extends EventBridgeApiError {
  constructor(message: string) {
    super('ValidationException', message);
  }
}

export class ResourceNotFoundError extends EventBridgeApiError {
  constructor(message: string) {
    super('ResourceNotFoundException', message);
  }
}

export class UnknownOperationError extends EventBridgeApiError {
  constructor(operation: string) {
    super(
      'UnknownOperationException',
      `Operation ${operation} is not supported by the local EventBridge. Supported: PutEvents, TestEventPattern, ` +
        'ListRules, DescribeRule, ListTargetsByRule, DescribeEventBus, ListEventBuses.',
    );
  }
}

/** The local configuration (buses, rules) cannot describe a working EventBridge: fix serverless.yml. */
export class EventBridgeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventBridgeConfigError';
  }
}
