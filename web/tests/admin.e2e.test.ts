import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { showrunnerApi, signedInApi } from '../../client/index';
import { makeTestClip } from '../../local/mediaconvert/testClip';
import { messagesInQueue, sendStreamDeadLetter } from '../../local/sqs/testing';
import { startE2eStack, type E2eStack } from '../../test/e2eStack';
import { launchChromium, seriousViolations } from './browserAudit';

/**
 * The admins' pages in a real browser against `npm start`'s stack: an admin finds a user by email and grants a role,
 * which the user's next sign-in carries; an admin reprocesses a show whose transcode failed (a transient MediaConvert
 * fault, injected once) from "Needs a hand", and the show reaches review; an admin redrives a stream batch the catalogue
 * projector gave up on from "Dead letters". Each page gets an axe audit and a screenshot.
 */
const password = 'Correct-Horse-42';

const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 150_000): Promise<T> => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
};

/**
 * Cold starts before the first request: on a loaded machine a registration's two cold starts (the route and the pool's
 * trigger, each transpiled at init) can outlast the gateway's 30 s. Invoked directly, so no gateway answer is recorded.
 */
const warm = async (stack: E2eStack, functionKeys: readonly string[]) => {
  const httpProbe = { version: '2.0', headers: {}, requestContext: { requestId: 'warm-up' } };
  const triggerProbe = { triggerSource: 'PostConfirmation_ConfirmForgotPassword', userName: 'warm-up', request: { userAttributes: { sub: 'warm-up', email: 'warm-up@example.com' } }, response: {} };
  for (const key of functionKeys)
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const ok = await stack.cloud.runtime.invoke(key, key === 'accountsPostConfirmation' ? triggerProbe : httpProbe).then(() => true, () => false);
      if (ok) break;
    }
};

describe('the admins\' pages', () => {
  const root = mkdtempSync(join(tmpdir(), 'admin-e2e-'));
  const savedFailOnce = process.env.SHOWRUNNER_MEDIACONVERT_FAIL_ONCE_INPUTS;
  let stack: E2eStack;
  let browser: Browser;
  let web: string;
  let api: string;
  let adminPage: Page;

  const register = async (email: string) => {
    expect((await showrunnerApi({ baseUrl: api }).POST('/auth/register', { body: { email, password } })).response.status).toBe(202);
  };
  const signInApi = async (email: string) => {
    const { data } = await showrunnerApi({ baseUrl: api }).POST('/auth/login', { body: { email, password } });
    return signedInApi({ baseUrl: api }, data?.accessToken ?? '');
  };
  const audit = async (page: Page, name: string) => expect(await seriousViolations(page, name)).toEqual([]);

  beforeAll(async () => {
    process.env.SHOWRUNNER_MEDIACONVERT_FAIL_ONCE_INPUTS = '^uploads/needs-hand-';
    stack = await startE2eStack('admin', { web: { port: 0 } });
    web = stack.cloud.endpoints.web ?? '';
    api = stack.cloud.endpoints.api;
    browser = await launchChromium();
    await warm(stack, ['accountsPostConfirmation', 'register', 'login', 'me', 'grantRole', 'findUsers', 'disableUser', 'enableUser', 'listShowsNeedingHand', 'reprocessShow', 'listStreamDeadLetters', 'redriveStreamDeadLetters']);
    // An admin with an account of their own: registered, made admin by the first admin (a token of the local issuer).
    await register('root@example.com');
    const { data: me } = await (await signInApi('root@example.com')).GET('/me');
    const first = signedInApi({ baseUrl: api }, await stack.token('admin-0', ['admin']));
    expect((await first.PUT('/users/{userId}/roles/{role}', { params: { path: { userId: me?.userId ?? '', role: 'admin' } } })).response.status).toBe(200);
    adminPage = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await adminPage.goto(`${web}/sign-in`);
    await adminPage.getByLabel('Email').fill('root@example.com');
    await adminPage.getByLabel('Password').fill(password);
    await adminPage.getByRole('button', { name: 'Sign in' }).click();
    await adminPage.getByRole('link', { name: 'Users' }).waitFor();
  }, 480_000);

  afterAll(async () => {
    if (savedFailOnce === undefined) delete process.env.SHOWRUNNER_MEDIACONVERT_FAIL_ONCE_INPUTS;
    else process.env.SHOWRUNNER_MEDIACONVERT_FAIL_ONCE_INPUTS = savedFailOnce;
    await browser?.close();
    await stack?.stop();
    rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('lets an admin find a user by email and grant a role that the user\'s next sign-in carries; disable and enable them', async () => {
    await register('newcomer@example.com');
    expect((await (await signInApi('newcomer@example.com')).GET('/me')).data?.roles).toEqual(['viewer']);
    await adminPage.getByRole('link', { name: 'Users' }).click();
    await adminPage.getByLabel('Email starts with').fill('NEWCOMER');
    await adminPage.getByRole('button', { name: 'Find users' }).click();
    await adminPage.getByRole('heading', { name: 'newcomer@example.com' }).waitFor();
    await audit(adminPage, 'admin-users');
    await adminPage.getByRole('button', { name: 'Grant creator to newcomer@example.com' }).click();
    await adminPage.getByRole('button', { name: 'Revoke creator from newcomer@example.com' }).waitFor();
    expect((await (await signInApi('newcomer@example.com')).GET('/me')).data?.roles).toEqual(['viewer', 'creator']);

    await adminPage.getByRole('button', { name: 'Disable newcomer@example.com' }).click();
    await adminPage.getByRole('button', { name: 'Enable newcomer@example.com' }).waitFor();
    const refused = await showrunnerApi({ baseUrl: api }).POST('/auth/login', { body: { email: 'newcomer@example.com', password } });
    expect(refused.response.status).toBe(403);
    await adminPage.getByRole('button', { name: 'Enable newcomer@example.com' }).click();
    await adminPage.getByRole('button', { name: 'Disable newcomer@example.com' }).waitFor();
    expect((await showrunnerApi({ baseUrl: api }).POST('/auth/login', { body: { email: 'newcomer@example.com', password } })).response.status).toBe(200);
  }, 240_000);

  it('lets an admin reprocess a show whose transcode failed, from "Needs a hand", and the show reaches review', async () => {
    const clip = join(root, 'clip.mp4');
    // No sound: the machine reviewer leaves it to a human, so the run waits in review.
    await makeTestClip(clip, { seconds: 2, width: 320, height: 240, audio: 'none' });
    const bytes = readFileSync(clip);
    const creator = signedInApi({ baseUrl: api }, await stack.token('creator-1', ['creator']));
    const showId = `needs-hand-${Date.now()}`;
    const { data: ticket } = await creator.POST('/uploads', {
      body: { showId, title: 'Harbour Lights', description: 'Night ferries', genre: 'documentary', language: 'en', fileName: 'clip.mp4', contentType: 'video/mp4', sizeBytes: bytes.length },
    });
    const target = ticket !== undefined && 'upload' in ticket ? ticket.upload : undefined;
    expect((await fetch(target?.url ?? '', { method: 'PUT', headers: target?.headers, body: bytes })).status).toBe(200);
    const admin = signedInApi({ baseUrl: api }, await stack.token('admin-0', ['admin']));
    await waitFor('the failed show on the list', async () => {
      const { data } = await admin.GET('/operations/shows-needing-a-hand', { params: { query: {} } });
      return data?.items.some((s) => s.showId === showId) === true ? true : undefined;
    });

    await adminPage.getByRole('link', { name: 'Needs a hand' }).click();
    await adminPage.getByRole('heading', { name: 'Harbour Lights' }).waitFor();
    await adminPage.getByText(/Failed at transcode: .*Injected transient failure/).waitFor();
    await audit(adminPage, 'admin-needs-a-hand');
    await adminPage.getByRole('button', { name: 'Reprocess Harbour Lights' }).click();
    await adminPage.getByText(/^A new run started/).waitFor();

    await waitFor('the reprocessed show to reach review', async () => {
      const { data } = await admin.GET('/studio/shows/{showId}', { params: { path: { showId } } });
      return data?.status === 'awaitingReview' ? true : undefined;
    });
    await adminPage.reload();
    await adminPage.getByRole('heading', { name: 'Shows that need a hand' }).waitFor();
    await adminPage.getByRole('heading', { name: 'Harbour Lights' }).waitFor({ state: 'detached' });
  }, 240_000);

  it('shows an admin a stream batch the catalogue projector gave up on, with its records, and redrives it into the projector', async () => {
    // What Lambda sends the queue once the projector spent its retries, naming the first records of the events stream.
    const eventsTable = stack.cloud.service.tables.find((t) => t.TableName.endsWith('-events'))?.TableName ?? '';
    const first = await sendStreamDeadLetter(stack.cloud, { functionKey: 'catalogProjector', tableName: eventsTable, count: 3 });
    await adminPage.getByRole('link', { name: 'Dead letters' }).click();
    await adminPage.getByRole('heading', { name: 'showrunner-dev-catalogProjector' }).waitFor();
    await adminPage.getByText('The 3 record(s), read back from the stream').waitFor();
    await audit(adminPage, 'admin-dead-letters');
    // The projector's writes are version-gated: records it had projected change nothing the second time.
    await adminPage.getByRole('button', { name: `Redrive the batch of showrunner-dev-catalogProjector from ${first}` }).click();
    await adminPage.getByText(/^Redriven: showrunner-dev-catalogProjector handled the 3 record\(s\)/).waitFor();
    expect(await messagesInQueue(stack.cloud, 'StreamDeadLetterQueue')).toBe(0);
    await adminPage.getByText('The stream dead-letter queue is empty.').waitFor();
  }, 120_000);
});
