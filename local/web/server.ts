import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

export interface WebAppOptions {
  /** web/dist: the built app. */
  readonly distDir: string;
  readonly port: number;
  /** The API the app calls (config.json's apiUrl). */
  readonly apiUrl: string;
  /** The payment simulator; its checkout is proxied under /payments so the browser pays on the app's own origin. */
  readonly paymentsUrl: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** config.json as the deploy writes it on AWS; here the API and the checkout are the local ones. */
const configFor = (options: WebAppOptions, req: IncomingMessage) => ({
  apiUrl: options.apiUrl,
  checkoutUrl: `http://${req.headers.host ?? `127.0.0.1:${options.port}`}/payments`,
  cognito: null,
  cdn: 'local',
});

const proxyToPayments = (options: WebAppOptions, req: IncomingMessage, res: ServerResponse) => {
  const target = new URL(req.url?.slice('/payments'.length) || '/', options.paymentsUrl);
  const upstream = request(target, { method: req.method, headers: { 'content-type': req.headers['content-type'] ?? 'application/json' } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
    answer.pipe(res);
  });
  upstream.on('error', () => res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'bad_gateway', message: 'the payment simulator did not answer' })));
  req.pipe(upstream);
};

/** A file of dist, or index.html for an app route (the router draws it in the browser). */
const fileFor = (distDir: string, pathname: string): string => {
  const candidate = normalize(join(distDir, decodeURIComponent(pathname)));
  const inside = candidate === distDir || candidate.startsWith(distDir + sep);
  if (inside && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return join(distDir, 'index.html');
};

const serveStatic = (distDir: string, pathname: string, res: ServerResponse) => {
  const file = fileFor(distDir, pathname);
  const hashed = pathname.startsWith('/assets/');
  res.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    // Assets carry their content's hash in their name; index.html must be read again to find the new ones.
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
};

const handle = (options: WebAppOptions, req: IncomingMessage, res: ServerResponse) => {
  const pathname = new URL(req.url ?? '/', 'http://local').pathname;
  if (pathname === '/config.json') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(configFor(options, req)));
    return;
  }
  if (pathname.startsWith('/payments/')) return proxyToPayments(options, req, res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('the web app only serves GET and HEAD');
    return;
  }
  serveStatic(options.distDir, pathname, res);
};

/** Serves the built app on 127.0.0.1, with its config.json. */
export const startWebServer = async (options: WebAppOptions): Promise<{ url: string; stop(): Promise<void> }> => {
  const server = createServer((req, res) => handle(options, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
