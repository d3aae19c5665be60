export { createLambdaRuntime, type InvokeOptions, type LambdaRuntime, type LambdaRuntimeOptions, type RunnableFunction } from './runtime';
export { isLambdaTimeout, LambdaFunctionError, LambdaRuntimeStoppedError, LambdaTimeoutError, UnknownFunctionError } from './errors';
