import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium): nothing downloads a browser. */
export const chromiumPath = process.env.SHOWRUNNER_CHROMIUM ?? '/usr/bin/chromium';

/** Where each page's screenshot is kept as a test artifact. */
export const artifacts = join(process.cwd(), 'test-artifacts', 'web');

export const launchChromium = (args: readonly string[] = []): Promise<Browser> => {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath, args: [...args] });
};

/**
 * Screenshots the page as `<name>.png` and answers the axe-core violations of serious or critical impact, each as
 * "<name>: <rule> (<impact>): <elements>", so a failing test names the page, the rule and where.
 */
export const seriousViolations = async (page: Page, name: string): Promise<string[]> => {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};
