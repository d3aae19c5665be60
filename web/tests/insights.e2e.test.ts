import { type Browser, type Locator, type Page } from 'playwright-core';
import { showrunnerApi } from '../../client/index';
import type { E2eStack } from '../../test/e2eStack';
import { seriousViolations } from './browserAudit';
import { browserStack } from './browserStack';

/**
 * The sessions insights page in a real browser (Debian's Chromium, headless) against `npm start`'s stack: viewer
 * session events go in through POST /sessions/events (out of order, duplicated, an end before its start, a start
 * corrected by an earlier one), and an admin sees the answers the projector's counters give, then an axe audit.
 */

const players = { p1: '1'.repeat(32), p2: '2'.repeat(32), p3: '3'.repeat(32) };
const sid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().replace('Z', '000');
const start = (n: number, country: string, player: string, h: number) => ({ event: 'start', country, player_id: player, session_id: sid(n), ts: hoursAgo(h) });
const end = (n: number, player: string, h: number) => ({ event: 'end', player_id: player, session_id: sid(n), ts: hoursAgo(h) });

/**
 * Eight sessions: six completed (PT 3, ES 2, FR 1; two a player), one only started (DE), one only ended. Sent in
 * three requests so that ends come before their starts and duplicates land in other requests.
 */
const requests = [
  [end(2, players.p1, 3), start(1, 'PT', players.p1, 10), end(1, players.p1, 9), start(5, 'FR', players.p3, 6), end(8, players.p2, 2), start(7, 'DE', players.p1, 4)],
  [start(3, 'PT', players.p2, 8), end(3, players.p2, 7), start(3, 'ES', players.p2, 7.5), start(4, 'ES', players.p2, 8), end(4, players.p2, 7), end(1, players.p1, 9)],
  // Session 5's earlier start (ES) wins over the FR one; session 6 ends "before" it starts (a skewed clock).
  [start(5, 'ES', players.p3, 7), end(5, players.p3, 5), start(6, 'FR', players.p3, 5), end(6, players.p3, 5.5), start(2, 'PT', players.p1, 4), start(1, 'PT', players.p1, 10)],
];
const year = hoursAgo(10).slice(0, 4);

/** The locator's texts once they equal `expected`, or the last texts seen after a minute (for the assertion to show). */
const settledTexts = async (locator: Locator, expected: readonly string[]): Promise<string[]> => {
  let texts: string[] = [];
  for (let attempt = 0; attempt < 120; attempt += 1) {
    texts = await locator.allTextContents();
    if (JSON.stringify(texts) === JSON.stringify(expected)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return texts;
};

describe('the sessions insights page', () => {
  let stack: E2eStack;
  let browser: Browser;
  let web: string;
  let api: string;

  const running = browserStack('insights');
  beforeAll(() => {
    ({ stack, browser, web, api } = running);
  });

  const audit = async (page: Page, name: string) => expect(await seriousViolations(page, name)).toEqual([]);

  it('shows an admin the session counts, the top countries and players, the top country of the year and the bar plot', async () => {
    const anonymous = showrunnerApi({ baseUrl: api });
    for (const body of requests) {
      const { data, response } = await anonymous.POST('/sessions/events', { body });
      expect(response.status).toBe(200);
      expect(data).toMatchObject({ acceptedCount: body.length, failedCount: 0 });
    }

    // Signed in as an admin with a token the stack's authorizer accepts, as the user pool issues it (the sign-in
    // form and role grants are web/tests/webApp.e2e.test.ts's; this suite needs no accounts functions to start).
    const session = { accessToken: await stack.token('admin-1', ['admin']), email: 'operator@example.com' };
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(`sessionStorage.setItem('showrunner.session', ${JSON.stringify(JSON.stringify(session))})`);
    const page = await context.newPage();
    await page.goto(`${web}/insights`);
    await page.getByRole('heading', { name: 'Sessions insights' }).waitFor();

    // The projector moves the counters a moment after the events are acknowledged; the page refreshes itself.
    await page.getByTestId('completed').filter({ hasText: /^6$/ }).waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('sessions').textContent()).toBe('8');
    expect(await page.getByTestId('started').textContent()).toBe('7');

    // Each panel loads and refreshes on its own (its own route, its own function's cold start): wait for each.
    const countries = page.getByRole('table', { name: 'Countries with the most completed sessions' });
    expect(await settledTexts(countries.getByRole('rowheader'), ['PT', 'ES', 'FR'])).toEqual(['PT', 'ES', 'FR']);
    const playerTable = page.getByRole('table', { name: 'Players with the most completed sessions' });
    expect(await settledTexts(playerTable.getByRole('rowheader'), [players.p1, players.p2, players.p3])).toEqual([players.p1, players.p2, players.p3]);
    expect(await playerTable.getByRole('row').nth(1).getByRole('cell').last().textContent()).toBe('2');

    await page.getByRole('spinbutton', { name: 'Year' }).fill(year);
    await page.getByRole('button', { name: 'Show the country' }).click();
    await page.getByTestId('top-country').filter({ hasText: `In ${year}, most sessions started in PT: 3.` }).waitFor();

    const bars = page.getByRole('list', { name: 'Completed sessions per country, most first' }).getByRole('listitem');
    expect(await settledTexts(bars, ['PT3 completed sessions', 'ES2 completed sessions', 'FR1 completed sessions'])).toEqual(['PT3 completed sessions', 'ES2 completed sessions', 'FR1 completed sessions']);
    await audit(page, 'insights');
    await context.close();
  }, 240_000);
});
