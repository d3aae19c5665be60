/**
 * serverless.yml cannot be turned into a local model. The message is one line: where (a key path such as
 * `functions.health.events[0].httpApi.method`) and what is wrong, so the fix is obvious without a stack trace.
 */
export class ServerlessConfigError extends Error {
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`serverless.yml ${where}: ${problem}`);
    this.name = 'ServerlessConfigError';
  }
}
