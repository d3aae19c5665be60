import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { transcodeTestClip } from './testTranscode';

const chromiumPath = process.env.SHOWRUNNER_CHROMIUM ?? '/usr/bin/chromium';
// The package's `require` export is its UMD build: the script a page loads.
const dashjs = require.resolve('dashjs');

const types: Record<string, string> = { '.vtt': 'text/vtt', '.mpd': 'application/dash+xml', '.mp4': 'video/mp4', '.m4s': 'video/iso.segment', '.js': 'text/javascript', '.html': 'text/html' };
const page = '<!doctype html><html><body><video muted playsinline></video><script src="/dash.all.min.js"></script></body></html>';

/** The outputs over HTTP as the CDN serves them, with dash.js and an empty page beside them. */
const serve = (root: string): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      if (path === '/') return void response.writeHead(200, { 'content-type': 'text/html' }).end(page);
      const file = path === '/dash.all.min.js' ? dashjs : join(root, normalize(path));
      const stream = createReadStream(file);
      stream.on('error', () => response.writeHead(404).end());
      stream.on('open', () => stream.pipe(response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })));
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

describe('the DASH outputs in dash.js, in Chromium', () => {
  const root = mkdtempSync(join(tmpdir(), 'dashjs-'));
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    server = await serve(root);
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--autoplay-policy=no-user-gesture-required'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** What dash.js offers to switch between once the stream is initialised: its video representations' heights. */
  const videoRepresentations = async (manifestPath: string): Promise<number[]> => {
    const tab = await browser.newPage();
    try {
      await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      // Runs in the page (no DOM types here): the player's own API, as an app calls it.
      const heights = await tab.evaluate(`new Promise((resolve, reject) => {
        const player = dashjs.MediaPlayer().create();
        player.on('error', (event) => reject(new Error(JSON.stringify(event))));
        player.on('streamInitialized', () => resolve(player.getRepresentationsByType('video').map((r) => r.height)));
        player.initialize(document.querySelector('video'), ${JSON.stringify(manifestPath)}, true);
      })`);
      return heights as number[];
    } finally {
      await tab.close();
    }
  };

  /** The text tracks dash.js offers once the stream is initialised: their languages. */
  const textLanguages = async (manifestPath: string): Promise<string[]> => {
    const tab = await browser.newPage();
    try {
      await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const languages = await tab.evaluate(`new Promise((resolve, reject) => {
        const player = dashjs.MediaPlayer().create();
        player.on('error', (event) => reject(new Error(JSON.stringify(event))));
        player.on('streamInitialized', () => resolve(player.getTracksFor('text').map((t) => t.lang)));
        player.initialize(document.querySelector('video'), ${JSON.stringify(manifestPath)}, true);
      })`);
      return languages as string[];
    } finally {
      await tab.close();
    }
  };

  it('offers the captions a CMAF job carried as text tracks, one per language', async () => {
    const cue = 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello\n';
    await transcodeTestClip(root, 'captioned.mp4', { width: 640, height: 360, seconds: 2 }, 'cmaf', [
      { language: 'en', label: 'English', webvtt: cue },
      { language: 'fr-CA', label: 'Français (Canada)', webvtt: cue },
    ]);
    expect(await textLanguages('/captioned-mp4/cmaf/master.mpd')).toEqual(['en', 'fr-CA']);
  }, 180_000);

  it('offers every rendition of the DASH manifest as one switchable set, and of the CMAF one too', async () => {
    await transcodeTestClip(root, 'dash.mp4', { width: 640, height: 360, seconds: 4 });
    await transcodeTestClip(root, 'cmaf.mp4', { width: 640, height: 360, seconds: 4 }, 'cmaf');
    expect(await videoRepresentations('/dash-mp4/dash/manifest.mpd')).toEqual([270, 360]);
    expect(await videoRepresentations('/cmaf-mp4/cmaf/master.mpd')).toEqual([270, 360]);
  }, 180_000);
});
