import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { showrunnerApi, signedInApi } from '../../client/index';
import { makeTestClip } from '../../local/mediaconvert/testClip';
import type { E2eStack } from '../../test/e2eStack';
import { seriousViolations } from './browserAudit';
import { browserStack } from './browserStack';

/**
 * The web app in a real browser (Debian's Chromium, headless) against `npm start`'s stack: a creator uploads a clip
 * through the file input and follows it to review, a reviewer approves it, a viewer signs up, finds it, plays it
 * (hls.js), likes and rates it and buys premium. Every page gets an axe audit and a screenshot (test-artifacts/).
 */
const password = 'Correct-Horse-42';
const genre = 'webtest';

/** Polls a condition of the stack (projections catch up in moments) and names what it waited for when it never holds. */
const until = async (holds: () => Promise<boolean>, what: string, attempts = 240): Promise<void> => {
  for (let i = 0; i < attempts; i += 1) {
    if (await holds()) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`waited ${attempts / 2} s for ${what}`);
};

describe('the web app', () => {
  const root = mkdtempSync(join(tmpdir(), 'web-e2e-'));
  let stack: E2eStack;
  let browser: Browser;
  let web: string;
  let api: string;
  let showId: string;
  const qosAnswers: number[] = [];
  const cmcdRequests: string[] = [];
  const sessionsWithFirstFrame = new Set<string>();

  const running = browserStack('web', {}, ['--autoplay-policy=no-user-gesture-required']);
  beforeAll(() => {
    ({ stack, browser, web, api } = running);
  });

  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
  }, 120_000);

  /** An account with a role: registered and granted through the API, as an admin would. */
  const accountWithRole = async (email: string, role: 'creator' | 'reviewer') => {
    const anonymous = showrunnerApi({ baseUrl: api });
    expect((await anonymous.POST('/auth/register', { body: { email, password } })).response.status).toBe(202);
    const { data: tokens, response } = await anonymous.POST('/auth/login', { body: { email, password } });
    expect(response.status).toBe(200);
    const { data: me } = await signedInApi({ baseUrl: api }, tokens?.accessToken ?? '').GET('/me');
    expect(me?.userId).toBeDefined();
    const admin = signedInApi({ baseUrl: api }, await stack.token('admin-1', ['admin']));
    const granted = await admin.PUT('/users/{userId}/roles/{role}', { params: { path: { userId: me?.userId ?? '', role } } });
    expect(granted.response.status).toBe(200);
  };

  /** No serious or critical axe violation on the page as it is now; a screenshot of it for people. */
  const audit = async (page: Page, name: string) => expect(await seriousViolations(page, name)).toEqual([]);

  const isQosBatch = (request: Request) => request.method() === 'POST' && new URL(request.url()).pathname === '/qos/events';

  /** Every QoS batch's answer, the sessions whose first frame the API took, and the segment requests carrying CMCD. */
  const watchQos = (page: Page) => {
    page.on('request', (request) => /CMCD=/.test(request.url()) && cmcdRequests.push(request.url()));
    page.on('response', (response) => {
      const request = response.request();
      if (!isQosBatch(request)) return;
      qosAnswers.push(response.status());
      if (response.status() !== 200) return;
      const events = request.postDataJSON() as { type: string; sid: string; cid: string }[];
      for (const event of events) if (event.type === 'first_frame' && event.cid === showId) sessionsWithFirstFrame.add(event.sid);
    });
  };

  const signUp = async (page: Page, email: string, auditAs?: string) => {
    await page.goto(`${web}/sign-up`);
    if (auditAs !== undefined) await audit(page, auditAs);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  };

  /** The player of that show appears and plays: its currentTime moves past one second. */
  const playsFor = async (page: Page, title: string) => {
    await page.getByLabel(`Video player: ${title}`).waitFor();
    // Node's types carry no DOM: the page-side code is given as strings.
    await page.evaluate('document.querySelector("video").play()');
    await page.waitForFunction('(document.querySelector("video")?.currentTime ?? 0) > 1', undefined, { timeout: 60_000 });
  };

  const signIn = async (context: BrowserContext, email: string) => {
    const page = await context.newPage();
    await page.goto(`${web}/sign-in`);
    await audit(page, 'sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  };

  it('lets a creator upload a clip through the file input, see its progress and follow it to review', async () => {
    const clip = join(root, 'night-trains.mp4');
    await makeTestClip(clip, { seconds: 4, width: 640, height: 360, audio: 'none' });
    await accountWithRole('creator@example.com', 'creator');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'creator@example.com');
    await page.getByRole('link', { name: 'Upload' }).click();
    await audit(page, 'upload');
    await page.getByLabel('Title').fill('Night Trains');
    await page.getByLabel('Description').fill('Sleeper routes across the continent');
    await page.getByLabel('Genre').fill(genre);
    await page.getByLabel('Language').fill('en');
    await page.getByLabel('Video file').setInputFiles(clip);
    // The show's id, from the API's own answer to the page's upload request.
    const ticket = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/uploads');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    showId = ((await (await ticket).json()) as { showId: string }).showId;
    await page.getByText('Uploaded.').waitFor();
    expect(await page.getByRole('progressbar', { name: /Upload progress/ }).getAttribute('value')).toBe('100');

    await page.getByRole('link', { name: 'My shows' }).first().click();
    await page.getByText('Night Trains', { exact: true }).waitFor();
    await page.getByTestId('stage').filter({ hasText: /^in review$/ }).waitFor({ timeout: 150_000 });
    await audit(page, 'my-shows');
    expect(showId).toMatch(/.+/);
    await context.close();
  }, 240_000);

  it('lets a reviewer claim and approve the pending show', async () => {
    await accountWithRole('reviewer@example.com', 'reviewer');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'reviewer@example.com');
    await page.getByRole('link', { name: 'Reviews' }).click();
    await page.getByRole('heading', { name: showId }).waitFor({ timeout: 60_000 });
    await audit(page, 'reviews');
    await page.getByRole('button', { name: /^Claim / }).click();
    await page.getByRole('button', { name: 'Claimed' }).waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').filter({ hasText: `Decision recorded for show ${showId}: approve.` }).waitFor();
    await context.close();

    const anonymous = showrunnerApi({ baseUrl: api });
    await until(async () => (await anonymous.GET('/shows/{showId}', { params: { path: { showId } } })).response.status === 200, `show ${showId} to be published after its approval`, 300);
  }, 240_000);

  it('lets a viewer on a phone-sized screen sign up, find the show, play it, like it and rate it', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    watchQos(page);
    await signUp(page, 'viewer@example.com', 'sign-up');

    await page.getByLabel('Genre').fill(genre);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('link', { name: 'Night Trains' }).waitFor();
    await audit(page, 'catalogue');
    await page.getByRole('link', { name: 'Night Trains' }).click();
    await page.getByRole('heading', { name: 'Night Trains' }).waitFor();
    await audit(page, 'show');

    await page.getByRole('button', { name: 'Watch' }).click();
    await playsFor(page, 'Night Trains');
    await page.getByLabel('Quality').waitFor();
    await audit(page, 'player');

    await page.getByRole('button', { name: 'Like' }).click();
    await page.getByTestId('likes').filter({ hasText: '1' }).waitFor();
    await page.getByLabel('4 stars').check();
    await page.getByRole('button', { name: 'Rate' }).click();
    await page.getByText('you rated it 4 of 5').waitFor();
    await page.getByTestId('rating').filter({ hasText: '4.0 of 5' }).waitFor({ timeout: 30_000 });

    // The QoS batch goes out within its period; CMCD rode on the segment requests (query mode).
    if (!qosAnswers.includes(200)) await page.waitForResponse((r) => isQosBatch(r.request()) && r.status() === 200, { timeout: 30_000 }).catch(() => undefined);
    expect(qosAnswers).toContain(200);
    expect(cmcdRequests.some((url) => url.includes(`cid%3D%22${showId}%22`) || url.includes(showId))).toBe(true);

    await page.goto(`${web}/no-such-page`);
    await audit(page, 'not-found');
    await context.close();
  }, 240_000);

  it('refuses a premium show with the API\'s own message, sells premium through the checkout, then plays it', async () => {
    // Its creator makes the show premium through the API (If-Match: the version the studio shows).
    const { data: tokens } = await showrunnerApi({ baseUrl: api }).POST('/auth/login', { body: { email: 'creator@example.com', password } });
    const creator = signedInApi({ baseUrl: api }, tokens?.accessToken ?? '');
    const { data: mine } = await creator.GET('/studio/shows/{showId}', { params: { path: { showId } } });
    const changed = await creator.PUT('/shows/{showId}', { params: { path: { showId }, header: { 'if-match': String(mine?.version) } }, body: { premium: true } });
    expect(changed.response.status).toBe(200);
    const anonymous = showrunnerApi({ baseUrl: api });
    await until(async () => (await anonymous.GET('/shows/{showId}', { params: { path: { showId } } })).data?.premium === true, 'the catalogue to list the show as premium');

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    watchQos(page);
    await signUp(page, 'buyer@example.com');
    await page.goto(`${web}/shows/${showId}`);
    await page.getByRole('heading', { name: 'Night Trains' }).waitFor();
    const refusal = page.waitForResponse((r) => new URL(r.url()).pathname === `/shows/${showId}/playback`);
    await page.getByRole('button', { name: 'Watch' }).click();
    const refused = await refusal;
    expect(refused.status()).toBe(403);
    const { message } = (await refused.json()) as { message: string };
    expect(message).toMatch(/.+/);
    await page.getByRole('alert').filter({ hasText: message }).waitFor();
    await audit(page, 'premium-refused');

    await page.getByRole('link', { name: 'get premium' }).click();
    await page.getByRole('heading', { name: 'Premium' }).waitFor();
    await audit(page, 'premium');
    await page.getByRole('button', { name: 'Buy premium' }).click();
    await page.getByText(/^Paid: premium until/).waitFor();

    await page.goto(`${web}/shows/${showId}`);
    await page.getByRole('button', { name: 'Watch' }).click();
    await playsFor(page, 'Night Trains');
    await context.close();
  }, 240_000);

  it('shows the QoS the players sent in GET /qos/metrics for the show', async () => {
    expect(sessionsWithFirstFrame.size).toBeGreaterThan(0);
    const admin = signedInApi({ baseUrl: api }, await stack.token('admin-1', ['admin']));
    let plays = 0;
    await until(async () => {
      const { data } = await admin.GET('/qos/metrics', { params: { query: { dimension: 'show', value: showId } } });
      plays = data?.total.plays ?? 0;
      return plays >= sessionsWithFirstFrame.size;
    }, `GET /qos/metrics to count the ${sessionsWithFirstFrame.size} sessions that reached a first frame`);
    expect(plays).toBeGreaterThanOrEqual(sessionsWithFirstFrame.size);
  }, 120_000);
});
