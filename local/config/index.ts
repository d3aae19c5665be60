export { ServerlessConfigError } from './errors';
export { loadServerlessConfig, localAccountId, type LoadServerlessConfigOptions } from './loadServerlessConfig';
export type { CorsConfig, EventRule, FunctionEvent, HttpRoute, JwtAuthorizerConfig, LocalFunction, LocalQueue, LocalService, LocalStateMachine, StreamSubscription } from './model';
export { localServiceSchema } from './model';
