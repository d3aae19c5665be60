import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chromium, type Browser, type Page } from 'playwright-core';
import { localCredentials, startLocalCloud, type LocalCloud } from '../local/cloud';
import { localIssuerFor } from '../local/cognito/part';
import type { BenchModule, BenchSection } from './benchModule';
import { median, round } from './measure';
import { seedRollups } from './nocDashboardSeed';

/**
 * The NOC page in Debian's Chromium (headless) against `npm start`'s stack holding 30 days of rollups for 100 shows
 * x 20 countries (bench/nocDashboardSeed.ts, seeded straight into the stack's table): an operator opens /noc?range=...
 * in a fresh browser context (nothing cached) and we time navigation start -> every plot and every worst-of list
 * drawn with its answer.
 */
const rounds = Number(process.env.BENCH_NOC_ROUNDS ?? 5);
const chromiumPath = process.env.SHOWRUNNER_CHROMIUM ?? '/usr/bin/chromium';
const ranges = ['24h', '7d', '30d'] as const;
const password = 'Correct-Horse-42';
const email = 'noc-bench@example.com';

/**
 * Drawn: every plot (figure.panel) has drawn (uPlot's draw hook counts in data-drawn) and is not busy, and every
 * worst-of list is not busy and lists its answer (items or "no traffic"). Figures mount only with the series' answer,
 * so their first draw holds the data. Answers performance.now() (ms since navigation start) in the frame it holds.
 */
const drawnProbe = `(() => {
  const figures = [...document.querySelectorAll('figure.panel')];
  const lists = [...document.querySelectorAll('section.worst')];
  const plotted = figures.length > 0 && figures.every((f) => f.dataset.drawn !== undefined && f.getAttribute('aria-busy') === 'false');
  const ranked = lists.length > 0 && lists.every((l) => l.getAttribute('aria-busy') === 'false' && l.querySelector('ol > li, .empty') !== null);
  return plotted && ranked ? performance.now() : false;
})()`;

/**
 * When the first dashboard request left and the last answer arrived (ms since navigation start), and how long each
 * took (series, worst shows, countries, CDNs), from resource timings.
 */
const answersProbe = `(() => {
  const answers = performance.getEntriesByType('resource').filter((e) => e.name.includes('/qos/dashboard/'));
  const took = (part) => Math.max(0, ...answers.filter((e) => e.name.includes(part)).map((e) => e.responseEnd - e.startTime));
  return {
    firstRequestMs: Math.min(...answers.map((e) => e.startTime)), lastAnswerMs: Math.max(...answers.map((e) => e.responseEnd)),
    tookMs: ['/series', 'dimension=show', 'dimension=country', 'dimension=cdn'].map(took),
  };
})()`;

const call = async (url: string, method: string, body?: unknown, token?: string) => {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
};

/** A call repeated while the stack's functions are still starting (a cold start past the gateway's timeout). */
const untilStatus = async (ok: readonly number[], send: () => Promise<{ status: number; body: Record<string, unknown> }>) => {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await send();
    if (ok.includes(answer.status)) return answer.body;
    if (attempt >= 10) throw new Error(`bench: answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
};

/** A registered account granted the operator role by an admin, signed in after the grant: its session. */
const operatorSession = async (cloud: LocalCloud, dataDir: string): Promise<string> => {
  const api = cloud.endpoints.api;
  await untilStatus([202, 400], () => call(`${api}/auth/register`, 'POST', { email, password }));
  const first = await untilStatus([200], () => call(`${api}/auth/login`, 'POST', { email, password }));
  const me = await untilStatus([200], () => call(`${api}/me`, 'GET', undefined, String(first.accessToken)));
  const admin = await (await localIssuerFor(cloud.service, dataDir)).mint({ sub: 'bench-admin', groups: ['admin'] });
  await untilStatus([200, 204], () => call(`${api}/users/${String(me.userId)}/roles/operator`, 'PUT', undefined, admin));
  const tokens = await untilStatus([200], () => call(`${api}/auth/login`, 'POST', { email, password }));
  return JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, email });
};

const seedStack = async (cloud: LocalCloud, now: number) => {
  const table = cloud.service.tables.map((t) => t.TableName ?? '').find((name) => name.endsWith('-qos-rollups'));
  if (table === undefined) throw new Error('bench: serverless.yml has no table named *-qos-rollups');
  const client = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.service.region, credentials: localCredentials });
  try {
    return await seedRollups(DynamoDBDocumentClient.from(client), table, now);
  } finally {
    client.destroy();
  }
};

/** When the page never draws, the error says what it showed instead. */
const drawnAt = async (page: Page): Promise<number> => {
  try {
    return Number(await (await page.waitForFunction(drawnProbe, undefined, { timeout: 60_000, polling: 'raf' })).jsonValue());
  } catch (error) {
    const alerts = await page.getByRole('alert').allTextContents().catch(() => []);
    throw new Error(`bench: the NOC page at ${page.url()} never drew: alerts ${JSON.stringify(alerts)}`, { cause: error });
  }
};

/** One visit in a fresh context: ms from navigation start to drawn, to the first dashboard request and to its last answer. */
const visit = async (browser: Browser, web: string, session: string, range: string) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(`sessionStorage.setItem('showrunner.session', ${JSON.stringify(session)});`);
  try {
    const page = await context.newPage();
    await page.goto(`${web}/noc?range=${range}`);
    const drawnMs = await drawnAt(page);
    const answers = (await page.evaluate(answersProbe)) as { firstRequestMs: number; lastAnswerMs: number; tookMs: number[] };
    // What was drawn is the range asked for, over the seeded traffic: five worst shows listed.
    const shown = await page.getByLabel('Time range').inputValue();
    const shows = await page.getByRole('region', { name: 'Shows' }).getByRole('listitem').count();
    if (shown !== range || shows !== 5) throw new Error(`bench: the NOC page at ${page.url()} showed range ${shown} and ${shows} worst shows, not ${range} and 5`);
    return { drawnMs, ...answers };
  } finally {
    await context.close();
  }
};

/** Where the stack keeps its data: tmpfs when there is one (seeding 128k items into a synced disk takes minutes). */
const dataRoot = process.env.BENCH_DATA_ROOT ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

export const nocDashboardPageBenchmark: BenchModule = {
  section: 'nocDashboardPage',
  async run(): Promise<BenchSection> {
    const root = mkdtempSync(join(dataRoot, 'bench-noc-page-'));
    const dataDir = join(root, 'data');
    const cloud = await startLocalCloud({ ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir, stage: 'dev', configPath: resolve(__dirname, '..', 'serverless.yml'), web: { port: 0 } }, () => undefined);
    const browser = await chromium.launch({ executablePath: chromiumPath });
    try {
      const seeded = await seedStack(cloud, Date.now());
      const session = await operatorSession(cloud, dataDir);
      const web = cloud.endpoints.web ?? '';
      // A warm-up of each range: Lambda cold starts are a once-per-container cost, not an operator's.
      for (const range of ranges) await visit(browser, web, session, range);
      const runs = new Map<string, Awaited<ReturnType<typeof visit>>[]>(ranges.map((r) => [r, []]));
      for (let i = 0; i < rounds; i += 1) for (const range of ranges) runs.get(range)?.push(await visit(browser, web, session, range));
      const ms = (samples: readonly number[]) => samples.map((v) => round(v)).join(', ');
      return {
        title: 'NOC page: navigation to every plot and worst-of list drawn, 30 days of rollups, 100 shows x 20 countries (Chromium, local stack)',
        measuredAt: new Date().toISOString(),
        environment: `${cpus().length} CPUs, Node ${process.version}, Debian Chromium headless, local cloud (web app and API on 127.0.0.1, stack data in ${dataRoot}), ${rounds} rounds per range after a warm-up, a fresh browser context (empty cache) each`,
        notes: [
          `${seeded.items} rollup items seeded straight into the stack's rollups table in ${seeded.seconds.toFixed(1)} s (bench/nocDashboardSeed.ts, the in-process bench's data, ending now)`,
          'An operator (registered, granted the role by an admin, signed in after) opens /noc?range=<range>: config.json, the app and the NOC chunk, GET /me, then the series and the three worst-of lists (shows, countries, CDNs) side by side, and the alerts (not waited for)',
          'Drawn: every plot has drawn (uPlot\'s draw hook, data-drawn) and every plot and worst-of list has aria-busy="false" and shows its answer; the time is performance.now() in the first animation frame where that holds',
          'First dashboard request: startTime of the earliest /qos/dashboard/ request (the app, its NOC chunk and GET /me came before); last dashboard answer: responseEnd of the latest (resource timing); drawn minus that is React and uPlot drawing',
          'No CDN is seeded, so the worst CDNs list reads empty periods: its time to answer is what any request costs through the local gateway and Lambda workers with the page\'s six requests in flight on this machine',
        ],
        columns: ['range', 'drawn p50 ms', 'drawn max ms', 'first dashboard request p50 ms', 'last dashboard answer p50 ms', 'request to answer p50 ms: series / worst shows / countries / CDNs', 'runs (drawn ms)'],
        rows: ranges.map((range) => {
          const samples = runs.get(range) ?? [];
          const drawn = samples.map((s) => s.drawnMs);
          return { range, 'drawn p50 ms': round(median(drawn)), 'drawn max ms': round(Math.max(...drawn)), 'first dashboard request p50 ms': round(median(samples.map((s) => s.firstRequestMs))), 'last dashboard answer p50 ms': round(median(samples.map((s) => s.lastAnswerMs))),
            'request to answer p50 ms: series / worst shows / countries / CDNs': [0, 1, 2, 3].map((i) => round(median(samples.map((s) => s.tookMs[i] ?? 0)))).join(' / '), 'runs (drawn ms)': ms(drawn) };
        }),
      };
    } finally {
      await browser.close();
      await cloud.stop();
      rmSync(root, { recursive: true, force: true });
    }
  },
};
