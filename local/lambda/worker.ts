import './lazySourceMaps';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import './jsonStaysJson';
import { invokeRequestSchema, workerSetupSchema, type WorkerMessage } from './protocol';

/**
 * One Lambda sandbox: loads the handler module once (its module-scope code and env reads run once, as on a cold
 * start), then answers one invocation at a time. Runs inside a worker thread with its own process.env.
 */

type Handler = (event: unknown, context: Context, callback?: (error?: unknown, result?: unknown) => void) => unknown;

const port = parentPort;
if (port === null) throw new Error('local/lambda/worker.ts runs inside a worker thread started by createLambdaRuntime');
const setup = workerSetupSchema.parse(workerData);

let currentRequestId: string | null = null;

const send = (message: WorkerMessage): void => port.postMessage(message);

const errorTypeOf = (error: unknown): string => {
  if (!(error instanceof Error)) return typeof error;
  return error.name === 'Error' && error.constructor.name !== 'Error' ? error.constructor.name : error.name;
};

const describe = (error: unknown) => ({
  errorType: errorTypeOf(error),
  errorMessage: error instanceof Error ? error.message : String(error),
  trace: error instanceof Error && error.stack !== undefined ? error.stack.split('\n') : [],
});

const isRecord = (value: unknown): value is Record<string, unknown> => (typeof value === 'object' || typeof value === 'function') && value !== null;

const loadHandler = async (): Promise<Handler> => {
  const loaded: unknown = await import(pathToFileURL(setup.handlerFile).href);
  // A CommonJS module compiled by tsx shows its exports both directly and under `default`.
  const candidates = isRecord(loaded) ? [loaded[setup.handlerExport], isRecord(loaded.default) ? loaded.default[setup.handlerExport] : undefined] : [];
  const handler = candidates.find((candidate) => typeof candidate === 'function');
  if (handler === undefined) {
    const error = new Error(`${setup.handlerFile}.${setup.handlerExport} is undefined or not exported`);
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  return handler as Handler;
};

const contextFor = (awsRequestId: string, deadlineMs: number): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: setup.functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${setup.region}:${setup.accountId}:function:${setup.functionName}`,
  memoryLimitInMB: String(setup.memorySize),
  awsRequestId,
  logGroupName: `/aws/lambda/${setup.functionName}`,
  logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME ?? 'local',
  getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/**
 * Lambda hands every invocation its X-Ray trace header in _X_AMZN_TRACE_ID (with active tracing the X-Ray SDK
 * builds the invocation's segment from it), so Powertools Tracer runs here as it does there. The id has X-Ray's
 * shape: 1-<epoch seconds, hex>-<96 random bits>.
 */
const newTraceHeader = (): string =>
  `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=1`;

// Callback-style handlers (three parameters) finish when they call back; async ones when their promise settles.
const run = (handler: Handler, event: unknown, context: Context): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const returned = handler(event, context, (error, result) => (error === undefined || error === null ? resolve(result) : reject(error)));
    if (handler.length < 3 || (isRecord(returned) && typeof returned.then === 'function')) Promise.resolve(returned).then(resolve, reject);
  });

const main = async (): Promise<void> => {
  let handler: Handler;
  try {
    handler = await loadHandler();
  } catch (error) {
    send({ kind: 'error', awsRequestId: null, ...describe(error), fatal: true });
    return;
  }
  // An error escaping the handler's promise chain crashes the sandbox on Lambda too: report it and let the runtime discard us.
  const crash = (error: unknown): void => send({ kind: 'error', awsRequestId: currentRequestId, ...describe(error), fatal: true });
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  port.on('message', (raw: unknown) => {
    const request = invokeRequestSchema.parse(raw);
    currentRequestId = request.awsRequestId;
    process.env._X_AMZN_TRACE_ID = newTraceHeader();
    run(handler, JSON.parse(request.eventJson) as unknown, contextFor(request.awsRequestId, request.deadlineMs)).then(
      (result) => {
        currentRequestId = null;
        // Lambda serializes the result to JSON: undefined becomes null, Dates become strings.
        send({ kind: 'result', awsRequestId: request.awsRequestId, resultJson: JSON.stringify(result) ?? 'null' });
      },
      (error: unknown) => {
        currentRequestId = null;
        send({ kind: 'error', awsRequestId: request.awsRequestId, ...describe(error), fatal: false });
      },
    );
  });
  send({ kind: 'ready' });
};

void main();
