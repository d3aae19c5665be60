import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browserAudit';

/**
 * The app ships hls.js built from its sources with only some of its features (web/vite.config.mts): in a real
 * browser, that build still plays an HLS stream with audio, puts CMCD on its requests and shows a SUBTITLES track.
 */
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.m3u8': 'application/vnd.apple.mpegurl', '.ts': 'video/mp2t', '.vtt': 'text/vtt' };

const vite = (root: string, outDir: string) =>
  new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', root, '-c', resolve('web/vite.config.mts'), '--outDir', outDir, '--logLevel', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const errors: string[] = [];
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`vite build failed: ${errors.join('')}`))));
  });

/** A 6 s clip with audio as HLS (2 s segments) and one English WebVTT track in the master. */
const makeStream = (dir: string) => {
  mkdirSync(dir, { recursive: true });
  execFileSync(ffmpeg.path, ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '6', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '50', '-c:a', 'aac', '-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', '-hls_segment_filename', join(dir, 'seg%d.ts'), join(dir, 'video.m3u8')]);
  writeFileSync(join(dir, 'captions.vtt'), 'WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000\n\n00:00:00.500 --> 00:00:05.000\nNight trains leave at ten\n');
  writeFileSync(join(dir, 'captions.m3u8'), '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:6,\ncaptions.vtt\n#EXT-X-ENDLIST\n');
  writeFileSync(
    join(dir, 'master.m3u8'),
    '#EXTM3U\n#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=NO,AUTOSELECT=YES,URI="captions.m3u8"\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2",SUBTITLES="subs"\nvideo.m3u8\n',
  );
};

describe("the app's hls.js build", () => {
  const root = mkdtempSync(join(tmpdir(), 'hls-build-'));
  const requests: string[] = [];
  let server: Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    await vite(resolve('web/tests/hlsBuild'), root);
    makeStream(join(root, 'media'));
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const path = new URL(req.url ?? '/', 'http://local').pathname;
      const file = normalize(join(root, path === '/' ? 'index.html' : path));
      if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('plays HLS with audio, sends CMCD in the query and shows the SUBTITLES track', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    // Node's types carry no DOM: the page-side code is given as strings.
    await page.waitForFunction('document.querySelector("video").currentTime > 1', undefined, { timeout: 60_000 });
    expect(await page.evaluate('window.fatal')).toEqual([]);
    const segment = requests.find((r) => r.startsWith('/media/seg'));
    expect(decodeURIComponent(segment ?? '')).toMatch(/CMCD=.*cid="probe-show".*sid="probe-session"/);
    expect(await page.evaluate('window.subtitleTracks')).toBe(1);
    await page.evaluate('window.showCaptions()');
    await page.waitForFunction('[...document.querySelector("video").textTracks].some((t) => t.mode === "showing" && [...(t.cues ?? [])].some((c) => c.text === "Night trains leave at ten"))', undefined, { timeout: 30_000 });
  }, 120_000);
});
