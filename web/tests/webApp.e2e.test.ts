import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { showrunnerApi, signedInApi } from '../../client/index';
import { makeTestClip } from '../../local/mediaconvert/testClip';
import { startE2eStack, type E2eStack } from '../../test/e2eStack';

/**
 * The web app in a real browser (Debian's Chromium, headless) against `npm start`'s stack: a creator uploads a clip
 * through the file input and follows it to review, a reviewer approves it, a viewer signs up, finds it, plays it
 * (hls.js), likes and rates it and buys premium. Every page gets an axe audit and a screenshot (test-artifacts/).
 */
const chromiumPath = process.env.SHOWRUNNER_CHROMIUM ?? '/usr/bin/chromium';
const artifacts = join(process.cwd(), 'test-artifacts', 'web');
const password = 'Correct-Horse-42';
const genre = 'webtest';

describe('the web app', () => {
  const root = mkdtempSync(join(tmpdir(), 'web-e2e-'));
  let stack: E2eStack;
  let browser: Browser;
  let web: string;
  let api: string;
  let showId: string;
  const qosAnswers: number[] = [];
  const cmcdRequests: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    stack = await startE2eStack('web', { web: { port: 0 } });
    web = stack.cloud.endpoints.web ?? '';
    api = stack.cloud.endpoints.api;
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--autoplay-policy=no-user-gesture-required'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
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
  const audit = async (page: Page, name: string) => {
    await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${name}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
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
    await page.getByText('Decision recorded: approve.').waitFor();
    await context.close();

    const anonymous = showrunnerApi({ baseUrl: api });
    for (let i = 0; i < 300; i += 1) {
      const { response } = await anonymous.GET('/shows/{showId}', { params: { path: { showId } } });
      if (response.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`show ${showId} was not published within 150 s of its approval`);
  }, 240_000);

  it('lets a viewer on a phone-sized screen sign up, find the show, play it, like it, rate it and buy premium', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    page.on('response', (response) => response.url().endsWith('/qos/events') && response.request().method() === 'POST' && qosAnswers.push(response.status()));
    page.on('request', (request) => /CMCD=/.test(request.url()) && cmcdRequests.push(request.url()));
    await page.goto(`${web}/sign-up`);
    await audit(page, 'sign-up');
    await page.getByLabel('Email').fill('viewer@example.com');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await page.getByLabel('Genre').fill(genre);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('link', { name: 'Night Trains' }).waitFor();
    await audit(page, 'catalogue');
    await page.getByRole('link', { name: 'Night Trains' }).click();
    await page.getByRole('heading', { name: 'Night Trains' }).waitFor();
    await audit(page, 'show');

    await page.getByRole('button', { name: 'Watch' }).click();
    const video = page.getByLabel('Video player: Night Trains');
    // Node's types carry no DOM: the page-side code is given as strings.
    await video.waitFor();
    await page.evaluate('document.querySelector("video").play()');
    await page.waitForFunction('(document.querySelector("video")?.currentTime ?? 0) > 1', undefined, { timeout: 60_000 });
    await page.getByLabel('Quality').waitFor();
    await audit(page, 'player');

    await page.getByRole('button', { name: 'Like' }).click();
    await page.getByTestId('likes').filter({ hasText: '1' }).waitFor();
    await page.getByLabel('4 stars').check();
    await page.getByRole('button', { name: 'Rate' }).click();
    await page.getByText('you rated it 4 of 5').waitFor();
    await page.getByTestId('rating').filter({ hasText: '4.0 of 5' }).waitFor({ timeout: 30_000 });

    // The QoS batch goes out within its period; CMCD rode on the segment requests (query mode).
    for (let i = 0; i < 40 && qosAnswers.length === 0; i += 1) await page.waitForTimeout(250);
    expect(qosAnswers).toContain(200);
    expect(cmcdRequests.some((url) => url.includes(`cid%3D%22${showId}%22`) || url.includes(showId))).toBe(true);

    await page.getByRole('link', { name: 'Premium' }).click();
    await audit(page, 'premium');
    await page.getByRole('button', { name: 'Buy premium' }).click();
    await page.getByText(/^Paid: premium until/).waitFor();
    await page.goto(`${web}/no-such-page`);
    await audit(page, 'not-found');
    await context.close();
  }, 240_000);
});
