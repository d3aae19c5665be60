import { randomUUID } from 'node:crypto';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { showrunnerApi, signedInApi } from '../../client/index';
import type { E2eStack } from '../../test/e2eStack';
import { seriousViolations } from './browserAudit';
import { browserStack } from './browserStack';

/**
 * The NOC pages in a real browser (Debian's Chromium) against `npm start`'s stack: an operator (granted the role,
 * signed in through the form) sees the alert rules read-only and opens the dashboard, an admin tightens an alert rule
 * on the alert rules page, QoS traffic
 * arrives through POST /qos/events, and the open dashboard (refreshing itself) shows the plots change and the
 * alert raised, then resolved with its history. Each page gets an axe audit and a screenshot, also phone-sized.
 */
const password = 'Correct-Horse-42';
const email = 'noc@example.com';

describe('the NOC dashboard', () => {
  let stack: E2eStack;
  let browser: Browser;
  let web: string;
  let api: string;

  const running = browserStack('noc', { schedulePeriodMs: 5000 });
  beforeAll(() => {
    ({ stack, browser, web, api } = running);
  });

  const audit = async (page: Page, name: string) => expect(await seriousViolations(page, name)).toEqual([]);

  /** A call repeated while the stack's functions are still starting (a cold start past the gateway's timeout on a busy machine). */
  const untilOk = async <T extends { response: Response }>(call: () => Promise<T>, ok: readonly number[] = [200]): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await call();
      if (ok.includes(answer.response.status) || attempt >= 6) return answer;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };

  /** Sessions on one CDN, now: failed ones (fatal error before the first frame) or good ones (first frame, end). */
  const sendSessions = async (count: number, failing: boolean) => {
    const base = { cid: 'noc-show', cdn: 'noc-cdn', country: 'PT' };
    const events = Array.from({ length: count }, () => {
      const sid = randomUUID();
      const t = Date.now();
      const ts = (ms: number) => new Date(t + ms).toISOString();
      return failing
        ? [{ type: 'play_attempt', sid, seq: 0, ts: ts(0), ...base }, { type: 'error', sid, seq: 1, ts: ts(300), fatal: true, ...base }]
        : [{ type: 'play_attempt', sid, seq: 0, ts: ts(0), ...base }, { type: 'first_frame', sid, seq: 1, ts: ts(400), br: 3000, ...base }, { type: 'end', sid, seq: 2, ts: ts(5000), ...base }];
    }).flat();
    const { data } = await showrunnerApi({ baseUrl: api }).POST('/qos/events', { body: events });
    expect(data?.acceptedCount).toBe(events.length);
  };

  /** A registered account holding `role` (granted by an admin through the API), signed in through the form. */
  const signedInWithRole = async (address: string, role: 'operator' | 'admin'): Promise<{ context: BrowserContext; page: Page }> => {
    const anonymous = showrunnerApi({ baseUrl: api });
    await untilOk(() => anonymous.POST('/auth/register', { body: { email: address, password } }), [202, 400]);
    const { data: tokens } = await untilOk(() => anonymous.POST('/auth/login', { body: { email: address, password } }));
    const { data: me } = await untilOk(() => signedInApi({ baseUrl: api }, tokens?.accessToken ?? '').GET('/me'));
    const admin = signedInApi({ baseUrl: api }, await stack.token('admin-1', ['admin']));
    await untilOk(() => admin.PUT('/users/{userId}/roles/{role}', { params: { path: { userId: me?.userId ?? '', role } } }));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${web}/sign-in`);
    await page.getByLabel('Email').fill(address);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return { context, page };
  };

  it('shows an operator the plots change after QoS traffic, and an alert raised then resolved with its history', async () => {
    const { context, page } = await signedInWithRole(email, 'operator');

    // The operator sees the rules and their thresholds, and cannot change them.
    await page.getByRole('link', { name: 'Alert rules' }).click();
    const seen = page.getByRole('form', { name: 'Thresholds of errors-per-cdn' });
    await seen.waitFor();
    await audit(page, 'noc-alert-rules');
    expect(await seen.getByLabel('Raise above (ratio 0-1)').getAttribute('readonly')).not.toBeNull();
    expect(await seen.getByRole('button', { name: 'Save errors-per-cdn' }).count()).toBe(0);

    // An admin (a session of their own) tightens the CDN error rule so a handful of sessions can raise and clear it.
    // The pages take the caller's roles from GET /me: the admin is a registered account too.
    const { context: adminContext, page: adminPage } = await signedInWithRole('noc-admin@example.com', 'admin');
    await adminPage.getByRole('link', { name: 'Alert rules' }).click();
    const rule = adminPage.getByRole('form', { name: 'Thresholds of errors-per-cdn' });
    await rule.waitFor();
    await rule.getByLabel('Raise above (ratio 0-1)').fill('0.5');
    await rule.getByLabel('Clear below (ratio 0-1)').fill('0.4');
    await rule.getByLabel('Minimum attempts').fill('2');
    await rule.getByLabel('Window (minutes)').fill('5');
    await rule.getByRole('button', { name: 'Save errors-per-cdn' }).click();
    await adminPage.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await adminContext.close();

    await page.getByRole('link', { name: 'NOC', exact: true }).click();
    const plays = page.getByRole('figure', { name: 'Plays' });
    await plays.getByText('0 plays of 0 attempts').waitFor();
    await page.locator('figure[data-drawn]').first().waitFor();
    await audit(page, 'noc-dashboard-empty');

    await sendSessions(2, true);
    const openAlerts = page.getByRole('list', { name: 'Open alerts' });
    await openAlerts.getByText('noc-cdn').waitFor({ timeout: 60_000 });
    await plays.getByText('0 plays of 2 attempts').waitFor({ timeout: 60_000 });

    await sendSessions(4, false);
    const resolved = page.getByRole('list', { name: 'Resolved alerts' });
    await resolved.getByText('noc-cdn').waitFor({ timeout: 90_000 });
    const history = resolved.getByRole('list', { name: /^History of errors-per-cdn#noc-cdn/ });
    await history.getByText(/^raised/).waitFor();
    await history.getByText(/^resolved/).waitFor();
    await plays.getByText('4 plays of 6 attempts').waitFor({ timeout: 60_000 });
    await page.getByRole('list', { name: 'Open alerts' }).getByText('noc-cdn').waitFor({ state: 'detached' });
    await audit(page, 'noc-dashboard-alerts');

    // Phone-sized: the same page, every control reachable.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Time range').selectOption('24h');
    await plays.getByText('4 plays of 6 attempts').waitFor();
    await audit(page, 'noc-dashboard-phone');
    await context.close();
  }, 480_000);
});
