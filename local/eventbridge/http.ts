import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventBridgeService } from './service';

const targetPrefix = 'AWSEvents.';
/** AWS caps a PutEvents request at 256 KB of entries; anything far beyond that is not an EventBridge call. */
const maxBodyBytes = 1024 * 1024;

class RequestTooLargeError extends Error {}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBodyBytes) throw new RequestTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const send = (response: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(status >= 400 && typeof body === 'object' && body !== null && '__type' in body
      ? { 'x-amzn-errortype': String(body.__type) }
      : {}),
  });
  response.end(text);
};

/**
 * A node:http handler speaking EventBridge's AWS JSON 1.1 protocol (`POST /`, `X-Amz-Target:
 * AWSEvents.<Operation>`), so the AWS SDK pointed at it by AWS_ENDPOINT_URL_EVENTBRIDGE works unchanged.
 * Signatures are not checked: any credentials are accepted locally.
 */
export const createEventBridgeHttpHandler =
  (service: EventBridgeService) =>
  async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const target = request.headers['x-amz-target'];
    if (request.method !== 'POST' || typeof target !== 'string' || !target.startsWith(targetPrefix)) {
      send(response, 400, {
        __type: 'UnknownOperationException',
        message: 'Expected POST / with an X-Amz-Target header of the form AWSEvents.<Operation>.',
      });
      return;
    }
    let body: unknown;
    try {
      const text = await readBody(request);
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      const message =
        error instanceof RequestTooLargeError
          ? `Request body exceeds ${maxBodyBytes} bytes; PutEvents accepts at most 256 KB of entries.`
          : `Request body is not valid JSON: ${(error as Error).message}`;
      send(response, error instanceof RequestTooLargeError ? 413 : 400, { __type: 'SerializationException', message });
      return;
    }
    const result = await service.handle(target.slice(targetPrefix.length), body);
    send(response, result.status, result.body);
  };
