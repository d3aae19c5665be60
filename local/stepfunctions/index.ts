export { createStepFunctionsService } from './service';
export type { StateMachineConfig, StepFunctionsService, StepFunctionsServiceOptions, ExecutionDescription } from './service';
export { stepFunctionsRequestListener } from './httpListener';
export { InvalidDefinitionError, StepFunctionsApiError } from './errors';
export type { PutEventsEntry, PutEventsResult } from './integrations';
export type { HistoryEvent } from './history';
