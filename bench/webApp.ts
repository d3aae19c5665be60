import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalCloud, type LocalCloud } from '../local/cloud';
import { localIssuerFor } from '../local/cognito/part';
import { makeTestClip } from '../local/mediaconvert/testClip';
import type { BenchModule, BenchSection } from './benchModule';
import { median, round } from './measure';

/**
 * The web app in Debian's Chromium (headless) against `npm start`'s stack with one published show: time to first
 * frame in the app against a bare hls.js page on the same stream, side by side (interleaved, a fresh browser context
 * each: nothing cached); the JavaScript a viewer's pages download, gzipped; load to interactive (the catalogue
 * listing its shows).
 */
const rounds = Number(process.env.BENCH_WEB_ROUNDS ?? 5);
const chromiumPath = process.env.SHOWRUNNER_CHROMIUM ?? '/usr/bin/chromium';
const title = 'Bench Trains';
const hlsVersion = (JSON.parse(readFileSync(require.resolve('hls.js/package.json'), 'utf8')) as { version: string }).version;

/** performance.now() (ms since navigation) when a frame first showed: the first timeupdate past 0, on both sides. */
const firstFrameProbe = `
  document.addEventListener('timeupdate', (e) => {
    if (window.__firstFrame === undefined && e.target.currentTime > 0) window.__firstFrame = performance.now();
  }, true);
  new MutationObserver(() => {
    const video = document.querySelector('video');
    if (video !== null && window.__played !== video) { window.__played = video; video.muted = true; void video.play().catch(() => undefined); }
  }).observe(document, { childList: true, subtree: true });
  // A play() before the player attached its source is dropped: play again once there is something to play.
  document.addEventListener('canplay', (e) => {
    if (window.__firstFrame === undefined && e.target.paused) { e.target.muted = true; void e.target.play().catch(() => undefined); }
  }, true);
`;

/** hls.js as its README shows it, signing each request with the playback grant's query as the app's player does. */
const barePage = (masterUrl: string, grantQuery: string) => `<!doctype html><html lang="en"><head><title>bare hls.js</title><script src="/bench-hls.min.js"></script></head>
<body><video controls muted playsinline aria-label="bare"></video><script>
const video = document.querySelector('video');
const query = ${JSON.stringify(grantQuery)};
const hls = new Hls({ xhrSetup: (xhr, url) => xhr.open('GET', query === '' || url.includes('Signature=') ? url : url + (url.includes('?') ? '&' : '?') + query, true) });
hls.loadSource(${JSON.stringify(masterUrl)});
hls.attachMedia(video);
</script></body></html>`;

interface Stack {
  readonly cloud: LocalCloud;
  readonly web: string;
  readonly api: string;
  readonly showId: string;
  readonly viewerToken: string;
}

const call = async (url: string, token: string, method = 'GET', body?: unknown) => {
  const response = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
};

const until = async (what: string, holds: () => Promise<boolean>) => {
  for (let i = 0; i < 600; i += 1) {
    if (await holds()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`bench: waited 300 s for ${what}`);
};

/** A creator uploads a clip, a reviewer approves it: one published show to play. */
const publishShow = async (cloud: LocalCloud, dataDir: string, root: string): Promise<{ showId: string; viewerToken: string }> => {
  const issuer = await localIssuerFor(cloud.service, dataDir);
  const [creator, reviewer, viewerToken] = await Promise.all([issuer.mint({ sub: 'bench-creator', groups: ['creator'] }), issuer.mint({ sub: 'bench-reviewer', groups: ['reviewer'] }), issuer.mint({ sub: 'bench-viewer', groups: [] })]);
  const clip = join(root, 'clip.mp4');
  await makeTestClip(clip, { seconds: 8, width: 1280, height: 720 });
  const bytes = readFileSync(clip);
  const api = cloud.endpoints.api;
  const created = await call(`${api}/uploads`, creator, 'POST', { title, description: 'bench', genre: 'bench', language: 'en', fileName: 'clip.mp4', contentType: 'video/mp4', sizeBytes: bytes.length });
  const { showId, upload } = created.body as { showId: string; upload: { url: string; headers: Record<string, string> } };
  await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
  await until('the show to await review', async () => (await call(`${api}/reviews/${showId}/claim`, reviewer, 'POST')).status === 200);
  const decided = await call(`${api}/reviews/${showId}/decision`, reviewer, 'POST', { decision: 'approve' });
  if (decided.status !== 200) throw new Error(`bench: approving answered ${decided.status}: ${JSON.stringify(decided.body)}`);
  await until('the show to be published', async () => (await fetch(`${api}/shows/${showId}`)).status === 200);
  return { showId, viewerToken };
};

/** A fresh context (empty cache) signed in as the viewer, with the first-frame probe; the scripts it downloads. */
const openPage = async (browser: Browser, stack: Stack) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const session = JSON.stringify({ accessToken: stack.viewerToken, email: 'viewer@example.com' });
  await context.addInitScript(`sessionStorage.setItem('showrunner.session', ${JSON.stringify(session)}); ${firstFrameProbe}`);
  const page = await context.newPage();
  const scripts = new Map<string, Buffer>();
  // What went wrong when no frame comes: the page's console and every request that failed or was refused.
  const trouble: string[] = [];
  page.on('console', (message) => message.type() === 'error' && trouble.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => trouble.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => trouble.push(`failed: ${request.method()} ${request.url().slice(0, 160)} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) trouble.push(`${response.status()}: ${response.request().method()} ${response.url().slice(0, 160)}`);
    if (response.request().resourceType() === 'script' && response.ok()) void response.body().then((body) => scripts.set(response.url(), body), () => undefined);
  });
  return { page, scripts, trouble, close: () => context.close() };
};

/** When the frame never comes, the error says what the page showed instead (its alerts, its address). */
const firstFrameAt = async (page: Page, trouble: readonly string[]): Promise<number> => {
  try {
    return Number(await (await page.waitForFunction('window.__firstFrame', undefined, { timeout: Number(process.env.BENCH_WEB_FRAME_TIMEOUT_MS ?? 120_000), polling: 'raf' })).jsonValue());
  } catch (error) {
    const alerts = await page.getByRole('alert').allTextContents().catch(() => []);
    const video = await page.evaluate('JSON.stringify({ src: document.querySelector("video")?.currentSrc, time: document.querySelector("video")?.currentTime, error: document.querySelector("video")?.error?.message })').catch(() => 'none');
    throw new Error(`no first frame on ${page.url()}: alerts ${JSON.stringify(alerts)}, video ${String(video)}; ${trouble.slice(0, 20).join('; ')}`, { cause: error });
  }
};
const sinceNavigation = async (page: Page): Promise<number> => Number(await page.evaluate('performance.now()'));

const appRun = async (browser: Browser, stack: Stack) => {
  const { page, scripts, trouble, close } = await openPage(browser, stack);
  try {
    await page.goto(`${stack.web}/`);
    const link = page.getByRole('link', { name: title });
    await link.waitFor();
    const interactiveMs = await sinceNavigation(page);
    const catalogueJs = [...scripts.values()];
    await page.goto(`${stack.web}/shows/${stack.showId}`);
    const watch = page.getByRole('button', { name: 'Watch' });
    await watch.waitFor();
    const watchAt = await sinceNavigation(page);
    await watch.click();
    const frameAt = await firstFrameAt(page, trouble);
    return { interactiveMs, fromNavigationMs: frameAt, fromWatchMs: frameAt - watchAt, catalogueJs, playingJs: [...scripts.values()] };
  } finally {
    await close();
  }
};

/**
 * A real loopback HTTP server for the bare page: Chromium's Local Network Access refuses a page it did not fetch from
 * the network (as Playwright's route.fulfill hands it over) any request to the loopback playback origin.
 */
const serveBarePage = async (hlsJs: Buffer): Promise<{ url: string; setPage: (html: string) => void; close: () => Promise<void> }> => {
  let html = '';
  const server = createServer((request, response) => {
    const [type, body] = request.url === '/bench-hls.min.js' ? ['text/javascript', hlsJs] : ['text/html', html];
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/bench-bare.html`, setPage: (page) => (html = page), close: () => new Promise((done) => server.close(() => done())) };
};

type BareServer = Awaited<ReturnType<typeof serveBarePage>>;

const bareRun = async (browser: Browser, stack: Stack, bareServer: BareServer) => {
  const grant = await call(`${stack.api}/shows/${stack.showId}/playback`, stack.viewerToken);
  const master = (grant.body.sources as { format: string; url: string }[]).find((s) => s.format === 'hls')?.url ?? '';
  const grantQuery = (grant.body.cloudFront as { query?: string } | undefined)?.query ?? '';
  bareServer.setPage(barePage(master, grantQuery));
  const { page, trouble, close } = await openPage(browser, stack);
  try {
    await page.goto(bareServer.url);
    return await firstFrameAt(page, trouble);
  } finally {
    await close();
  }
};

const kb = (bytes: number) => round(bytes / 1000, 1);
const sizes = (files: readonly Buffer[]) => ({ raw: files.reduce((n, f) => n + f.length, 0), gzip: files.reduce((n, f) => n + gzipSync(f, { level: 9 }).length, 0), brotli: files.reduce((n, f) => n + brotliCompressSync(f).length, 0) });

export const webAppBenchmark: BenchModule = {
  section: 'webApp',
  async run(): Promise<BenchSection> {
    const root = mkdtempSync(join(tmpdir(), 'bench-web-'));
    const dataDir = join(root, 'data');
    const cloud = await startLocalCloud({ ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir, stage: 'dev', configPath: resolve(__dirname, '..', 'serverless.yml'), web: { port: 0 } }, () => undefined);
    const bareServer = await serveBarePage(readFileSync(require.resolve('hls.js/dist/hls.min.js')));
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--autoplay-policy=no-user-gesture-required'] });
    try {
      const stack: Stack = { cloud, web: cloud.endpoints.web ?? '', api: cloud.endpoints.api, ...(await publishShow(cloud, dataDir, root)) };
      // A warm-up of each side: Lambda cold starts are a once-per-container cost, not a viewer's.
      await appRun(browser, stack);
      await bareRun(browser, stack, bareServer);
      const app: Awaited<ReturnType<typeof appRun>>[] = [];
      const bare: number[] = [];
      for (let i = 0; i < rounds; i += 1) {
        bare.push(await bareRun(browser, stack, bareServer));
        app.push(await appRun(browser, stack));
      }
      const last = app[app.length - 1];
      const catalogue = sizes(last?.catalogueJs ?? []);
      const playing = sizes(last?.playingJs ?? []);
      const bareMedian = median(bare);
      const appWatch = median(app.map((r) => r.fromWatchMs));
      const appNavigation = median(app.map((r) => r.fromNavigationMs));
      const ms = (samples: readonly number[]) => samples.map((v) => round(v)).join(', ');
      return {
        title: 'Web app: time to first frame against bare hls.js, JavaScript shipped, load to interactive',
        measuredAt: new Date().toISOString(),
        environment: `${cpus().length} CPUs, Node ${process.version}, Debian Chromium headless, local cloud (web app, API, playback origin on 127.0.0.1), ${rounds} rounds after a warm-up, fresh browser context (empty cache) each`,
        notes: [
          `First frame from pressing Watch (grant from the API, player chunk, hls.js) against a bare hls.js page from its navigation (hls.js ${hlsVersion} full build, the grant's master URL inlined): ${round(appWatch / bareMedian, 2)}x (goal <= 1.2x); from the show page's navigation: ${round(appNavigation / bareMedian, 2)}x.`,
          `JavaScript a viewer downloads, gzip -9: catalogue ${kb(catalogue.gzip)} kB; show page while playing (app + player + hls.js) ${kb(playing.gzip)} kB (goal <= 250 kB); brotli ${kb(catalogue.brotli)} / ${kb(playing.brotli)} kB.`,
          'First frame: the first timeupdate past 0 on the page (both sides alike), muted autoplay.',
          'The show page is loaded after the catalogue in the same context (the app\'s own JS cached, as for a viewer coming from the catalogue); the player chunk and hls.js are not.',
          'Load to interactive: from the catalogue\'s navigation until its list shows the published show (config.json, the app, GET /shows).',
        ],
        columns: ['measure', 'median', 'runs'],
        rows: [
          { measure: 'bare hls.js: first frame from navigation (ms)', median: round(bareMedian), runs: ms(bare) },
          { measure: 'app: first frame from pressing Watch (ms)', median: round(appWatch), runs: ms(app.map((r) => r.fromWatchMs)) },
          { measure: 'app: first frame from the show page navigation (ms)', median: round(appNavigation), runs: ms(app.map((r) => r.fromNavigationMs)) },
          { measure: 'app: catalogue load to interactive (ms)', median: round(median(app.map((r) => r.interactiveMs))), runs: ms(app.map((r) => r.interactiveMs)) },
          { measure: 'JS, catalogue page (kB gzip / raw)', median: kb(catalogue.gzip), runs: `${kb(catalogue.raw)} raw` },
          { measure: 'JS, show page playing (kB gzip / raw)', median: kb(playing.gzip), runs: `${kb(playing.raw)} raw` },
        ],
      };
    } finally {
      await browser.close();
      await bareServer.close();
      await cloud.stop();
      rmSync(root, { recursive: true, force: true });
    }
  },
};
