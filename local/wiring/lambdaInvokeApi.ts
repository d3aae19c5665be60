import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaFunctionError, UnknownFunctionError } from '../lambda';
import { functionNameOfArn } from './arns';

const invocationPath = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
};

const refuse = (res: ServerResponse, status: number, type: string, message: string): void => send(res, status, { 'x-amzn-errortype': type }, { Type: 'User', message });

/** One Invoke: the function's answer, or its error with X-Amz-Function-Error as Lambda reports a function that failed. */
const invokeOne = async (invoke: (name: string, payload: unknown) => Promise<unknown>, name: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const invocationType = req.headers['x-amz-invocation-type'] ?? 'RequestResponse';
  if (invocationType !== 'RequestResponse') return refuse(res, 400, 'InvalidParameterValueException', `only RequestResponse invocations run locally, not ${String(invocationType)}`);
  let payload: unknown;
  try {
    const text = await readBody(req);
    payload = text === '' ? {} : JSON.parse(text);
  } catch {
    return refuse(res, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
  }
  try {
    const answer = await invoke(name, payload);
    send(res, 200, { 'x-amz-executed-version': '$LATEST' }, answer ?? null);
  } catch (error) {
    if (error instanceof UnknownFunctionError) return refuse(res, 404, 'ResourceNotFoundException', `Function not found: ${name}`);
    if (!(error instanceof LambdaFunctionError)) throw error;
    send(res, 200, { 'x-amz-executed-version': '$LATEST', 'x-amz-function-error': 'Unhandled' }, { errorType: error.errorType, errorMessage: error.errorMessage, trace: error.trace });
  }
};

/**
 * Lambda's Invoke API (`POST /2015-03-31/functions/{name}/invocations`, RequestResponse) for the functions that call
 * others through the SDK (the stream dead-letter redrive), on AWS_ENDPOINT_URL_LAMBDA. A function error answers 200
 * with `X-Amz-Function-Error: Unhandled` and the error as the payload, as Lambda does.
 */
export const startLambdaInvokeApi = async (invoke: (name: string, payload: unknown) => Promise<unknown>) => {
  const server = createServer((req, res) => {
    const name = invocationPath.exec(req.url?.split('?')[0] ?? '')?.[1];
    if (req.method !== 'POST' || name === undefined) return refuse(res, 404, 'UnknownOperationException', `only Invoke (POST /2015-03-31/functions/{name}/invocations) runs locally, not ${req.method} ${req.url}`);
    const decoded = decodeURIComponent(name);
    invokeOne(invoke, functionNameOfArn(decoded) ?? decoded, req, res).catch((error: unknown) => send(res, 500, { 'x-amzn-errortype': 'ServiceException' }, { message: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
