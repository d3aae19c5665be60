import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** A service speaking the AWS JSON protocol: one operation name and a JSON body in, a status and JSON out. */
export interface JsonProtocolService {
  handle(operation: string, body: unknown): Promise<{ status: number; body: unknown }>;
}

/** Each X-Amz-Target prefix and the content type its SDK client expects back. */
export interface EdgeRoute {
  readonly targetPrefix: string;
  readonly contentType: string;
  readonly service: JsonProtocolService;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const send = (res: ServerResponse, status: number, contentType: string, body: unknown): void => {
  res.writeHead(status, { 'content-type': contentType });
  res.end(JSON.stringify(body));
};

/**
 * One port for the services the SDK reaches by `X-Amz-Target` (EventBridge, Step Functions), as LocalStack's
 * edge port does, so a user configures one endpoint for both.
 */
export const createEdgeHandler = (routes: readonly EdgeRoute[]) => async (req: IncomingMessage, res: ServerResponse) => {
  const target = req.headers['x-amz-target'];
  const [prefix, operation] = typeof target === 'string' ? target.split('.', 2) : [];
  const route = routes.find((r) => r.targetPrefix === prefix);
  if (req.method !== 'POST' || route === undefined || operation === undefined) {
    return send(res, 400, 'application/x-amz-json-1.1', {
      __type: 'UnknownOperationException',
      message: `expected POST with X-Amz-Target <${routes.map((r) => r.targetPrefix).join('|')}>.<Operation>, got ${req.method} ${String(target)}`,
    });
  }
  let body: unknown;
  try {
    const text = await readBody(req);
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    return send(res, 400, route.contentType, { __type: 'SerializationException', message: 'request body is not JSON' });
  }
  try {
    const answer = await route.service.handle(operation, body);
    send(res, answer.status, route.contentType, answer.body);
  } catch (error) {
    send(res, 500, route.contentType, { __type: 'InternalFailure', message: error instanceof Error ? error.message : String(error) });
  }
};

export const startEdgeServer = async (port: number, routes: readonly EdgeRoute[]) => {
  const server = createServer((req, res) => void createEdgeHandler(routes)(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const boundPort = address !== null && typeof address === 'object' ? address.port : port;
  return {
    endpoint: `http://127.0.0.1:${boundPort}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
