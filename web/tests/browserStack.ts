import type { Browser } from 'playwright-core';
import { startE2eStack, type E2eStack, type E2eStackOptions } from '../../test/e2eStack';
import { launchChromium } from './browserAudit';

export interface BrowserStack {
  readonly stack: E2eStack;
  readonly browser: Browser;
  /** The web app's URL. */
  readonly web: string;
  /** The HTTP API's URL. */
  readonly api: string;
}

/**
 * `npm start`'s stack with the web app, and Debian's Chromium, started before the file's tests and stopped after them.
 * Read the fields inside tests (or later hooks): they exist once beforeAll has run.
 */
export const browserStack = (name: string, options: Omit<E2eStackOptions, 'web'> = {}, chromiumArgs: readonly string[] = []): BrowserStack => {
  const started: { stack?: E2eStack; browser?: Browser } = {};
  beforeAll(async () => {
    started.stack = await startE2eStack(name, { ...options, web: { port: 0 } });
    started.browser = await launchChromium(chromiumArgs);
  }, 240_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.stack?.stop();
  }, 120_000);
  const required = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`browserStack(${name}): read it inside a test, once beforeAll has started the stack`);
    return value;
  };
  return {
    get stack() {
      return required(started.stack);
    },
    get browser() {
      return required(started.browser);
    },
    get web() {
      return required(started.stack?.cloud.endpoints.web);
    },
    get api() {
      return required(started.stack?.cloud.endpoints.api);
    },
  };
};
