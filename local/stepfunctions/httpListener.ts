import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { StepFunctionsService } from './service';

const TARGET_PREFIX = 'AWSStepFunctions.';

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
};

const reply = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  response.end(JSON.stringify(body));
};

/** A node:http listener speaking the Step Functions wire protocol (`POST /`, `X-Amz-Target: AWSStepFunctions.<Operation>`). */
export const stepFunctionsRequestListener = (service: StepFunctionsService): RequestListener => (request, response) => {
  const target = request.headers['x-amz-target'];
  if (request.method !== 'POST' || typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
    reply(response, 400, { __type: 'UnknownOperationException', message: 'Expected POST / with X-Amz-Target: AWSStepFunctions.<Operation>' });
    return;
  }
  readBody(request)
    .then(async (text) => {
      let body: unknown;
      try {
        body = text.length === 0 ? {} : JSON.parse(text);
      } catch {
        reply(response, 400, { __type: 'SerializationException', message: 'The request body is not JSON' });
        return;
      }
      const result = await service.handle(target.slice(TARGET_PREFIX.length), body);
      reply(response, result.status, result.body);
    })
    .catch((error: unknown) => reply(response, 500, { __type: 'InternalFailure', message: String(error) }));
};
