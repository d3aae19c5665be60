import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webBuildIsStale } from './build';
import { startWebServer } from './server';

describe('the local web app server', () => {
  const root = mkdtempSync(join(tmpdir(), 'web-server-'));
  const dist = join(root, 'dist');
  let payments: Server;
  let web: { url: string; stop(): Promise<void> };

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'assets', 'app-1.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'not for the web');
    // The payment simulator's checkout, as far as the proxy needs it: echo what it was sent.
    payments = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, url: req.url, body })));
    });
    await new Promise<void>((resolve) => payments.listen(0, '127.0.0.1', resolve));
    const address = payments.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    web = await startWebServer({ distDir: dist, port: 0, apiUrl: 'http://127.0.0.1:3999', paymentsUrl: `http://127.0.0.1:${port}` });
  });

  afterAll(async () => {
    await web.stop();
    await new Promise((resolve) => payments.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it("writes config.json pointing at this stack's API and at the checkout on the app's own origin", async () => {
    const config = await (await fetch(`${web.url}/config.json`)).json();
    expect(config).toEqual({ apiUrl: 'http://127.0.0.1:3999', checkoutUrl: `${web.url}/payments`, cognito: null, cdn: 'local' });
  });

  it('serves assets as immutable and answers an app route with index.html', async () => {
    const asset = await fetch(`${web.url}/assets/app-1.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    const route = await fetch(`${web.url}/shows/abc`);
    expect(route.headers.get('content-type')).toContain('text/html');
    expect(await route.text()).toContain('<title>app</title>');
  });

  it('never serves a file outside dist', async () => {
    const answer = await fetch(`${web.url}/..%2Fsecret.txt`);
    expect(await answer.text()).not.toContain('not for the web');
  });

  it("passes the checkout's pay call through to the payment simulator", async () => {
    const answer = await fetch(`${web.url}/payments/checkout/order_1/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"outcome":"success"}' });
    expect(await answer.json()).toEqual({ method: 'POST', url: '/checkout/order_1/pay', body: '{"outcome":"success"}' });
  });
});

describe('whether the web app needs a build', () => {
  const root = mkdtempSync(join(tmpdir(), 'web-build-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is stale without dist, fresh after a build, stale again once a source changes', () => {
    mkdirSync(join(root, 'web', 'src'), { recursive: true });
    writeFileSync(join(root, 'web', 'src', 'main.tsx'), 'x');
    expect(webBuildIsStale(root)).toBe(true);
    mkdirSync(join(root, 'web', 'dist'));
    writeFileSync(join(root, 'web', 'dist', 'index.html'), 'built');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'web', 'src', 'main.tsx'), past, past);
    utimesSync(join(root, 'web', 'src'), past, past);
    expect(webBuildIsStale(root)).toBe(false);
    writeFileSync(join(root, 'web', 'src', 'main.tsx'), 'y');
    expect(webBuildIsStale(root)).toBe(true);
  });
});
