import { generateKeyPairSync } from 'node:crypto';
import { runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import { cloudFrontSigner } from '../delivery/signing';
import { reviewListApi, reviewsApi } from './http/reviewsApi';
import { actOnMachineReview } from './machineReview';
import { resumeReviewedWorkflow } from './resumeReview';
import { callRoute, createWorkflowFixture } from './testing/workflowFixture';

let fixture: Awaited<ReturnType<typeof createWorkflowFixture>>;
let api: ReturnType<typeof reviewsApi> & { list: ReturnType<typeof reviewListApi> };
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const preview = { ttlSeconds: 600, cookieDomain: undefined, signer: cloudFrontSigner({ domain: 'd111111abcdef8.cloudfront.net', keyPairId: 'KPREVIEW', privateKey: async () => privateKey }) };
const reviewer = { sub: 'reviewer-9', groups: '[reviewer]' };
const creator = { sub: 'creator-1', groups: '[creator]' };
const reviewRequested = 8;

beforeAll(async () => {
  fixture = await createWorkflowFixture();
  api = { ...reviewsApi(fixture.deps), list: reviewListApi({ ...fixture.deps, preview }) };
});
afterAll(() => fixture.dispose());

const failRun = (showId: string, stage: 'review' | 'publish') =>
  runShowCommands(fixture.store.store, [
    { type: 'RecordProcessingFailure', showId, now: '2026-03-02T11:00:00.000Z', actor: { id: 'publish-workflow', kind: 'service' }, executionName: `run-${showId}`, stage, error: 'Review.Unavailable', cause: 'gave up' },
  ]);

describe('the review queue and its routes', () => {
  it('lists a requested review as pending once projected, without the workflow plumbing', async () => {
    await fixture.showUpTo('q-1', reviewRequested);
    await fixture.deps.reviews.putToken('q-1', 'transcode-1', 'token-q-1');
    expect((await callRoute(api.list, { user: reviewer })).body?.reviews).toEqual([]);
    expect(await fixture.projectReviews('q-1')).toEqual({ batchItemFailures: [] });
    const listed = await callRoute(api.list, { user: reviewer });
    expect(listed.status).toBe(200);
    expect(listed.body?.reviews).toEqual([
      {
        showId: 'q-1', transcodeId: 'transcode-1', status: 'pending', executionName: 'test-q-1', requestedAt: expect.any(String) as string, escalation: null,
        preview: expect.objectContaining({ expiresAt: expect.any(String) as string }) as unknown,
      },
    ]);
    expect(listed.body?.nextCursor).toBeNull();
    expect((await callRoute(api.list, { user: creator })).status).toBe(403);
  });

  it('records exactly one decision: a second is a 409, and the queue shows who decided', async () => {
    await fixture.showUpTo('q-2', reviewRequested);
    const approved = await callRoute(api.decide, { path: { showId: 'q-2' }, body: { decision: 'approve', reason: 'fine' }, user: reviewer });
    expect(approved).toEqual({ status: 200, body: { showId: 'q-2', transcodeId: 'transcode-1', decision: 'approve' } });
    const second = await callRoute(api.decide, { path: { showId: 'q-2' }, body: { decision: 'reject', reason: 'changed my mind' }, user: reviewer });
    expect(second.status).toBe(409);
    expect(second.body?.error).toBe('REVIEW_NOT_PENDING');
    const types = (await fixture.store.store.readStream('show#q-2')).events.map((e) => e.type);
    expect(types.filter((t) => t === 'ShowApproved' || t === 'ShowRejected')).toEqual(['ShowApproved']);
    await fixture.projectReviews('q-2');
    const decided = (await callRoute(api.list, { query: { status: 'approved' }, user: reviewer })).body?.reviews as { showId: string; decidedBy?: string }[];
    expect(decided.find((r) => r.showId === 'q-2')?.decidedBy).toBe('reviewer-9');
  });

  it('refuses a decision on a show with no pending review', async () => {
    await fixture.showUpTo('q-3', reviewRequested - 1);
    expect((await callRoute(api.decide, { path: { showId: 'q-3' }, body: { decision: 'approve' }, user: reviewer })).status).toBe(409);
    expect((await callRoute(api.decide, { path: { showId: 'never-drafted' }, body: { decision: 'approve' }, user: reviewer })).status).toBe(409);
    expect((await callRoute(api.decide, { path: { showId: 'q-3' }, body: { decision: 'reject' }, user: reviewer })).status).toBe(400);
  });

  it('abandons a review whose run failed: it leaves the pending list and a decision is a 409', async () => {
    await fixture.showUpTo('q-4', reviewRequested);
    await fixture.projectReviews('q-4');
    await failRun('q-4', 'review');
    await fixture.projectReviews('q-4');
    const pending = (await callRoute(api.list, { user: reviewer })).body?.reviews as { showId: string }[];
    expect(pending.map((r) => r.showId)).not.toContain('q-4');
    const abandoned = (await callRoute(api.list, { query: { status: 'abandoned' }, user: reviewer })).body?.reviews as { showId: string }[];
    expect(abandoned.map((r) => r.showId)).toContain('q-4');
    expect((await callRoute(api.decide, { path: { showId: 'q-4' }, body: { decision: 'approve' }, user: reviewer })).status).toBe(409);
  });

  it('a claim notes the reviewer and heartbeats the waiting task; 409 once the wait is over or the review decided', async () => {
    await fixture.showUpTo('q-5', reviewRequested);
    await fixture.deps.reviews.putToken('q-5', 'transcode-1', 'token-q-5');
    await fixture.projectReviews('q-5');
    const claimed = await callRoute(api.claim, { path: { showId: 'q-5' }, user: reviewer });
    expect(claimed).toEqual({ status: 200, body: { showId: 'q-5', claimedBy: 'reviewer-9', claimedAt: expect.any(String) as string } });
    expect(fixture.memory.sent).toContainEqual({ kind: 'heartbeat', token: 'token-q-5' });
    const pending = (await callRoute(api.list, { user: reviewer })).body?.reviews as { showId: string; claimedBy?: string }[];
    expect(pending.find((r) => r.showId === 'q-5')?.claimedBy).toBe('reviewer-9');

    fixture.memory.dead.add('token-q-5');
    expect((await callRoute(api.claim, { path: { showId: 'q-5' }, user: reviewer })).status).toBe(409);
    fixture.memory.dead.delete('token-q-5');
    await callRoute(api.decide, { path: { showId: 'q-5' }, body: { decision: 'approve' }, user: reviewer });
    expect((await callRoute(api.claim, { path: { showId: 'q-5' }, user: reviewer })).status).toBe(409);
  });

  it('acknowledges events the queue folded already and repairs a gap from the store', async () => {
    await fixture.showUpTo('q-6', reviewRequested);
    const events = (await fixture.store.store.readStream('show#q-6')).events;
    await failRun('q-6', 'review');
    const all = (await fixture.store.store.readStream('show#q-6')).events;
    const { reviewQueueConsumer } = await import('./reviewQueue');
    const { projectThroughStream } = await import('./testing/projectThroughStream');
    // Only the failure arrives (the request's record came in another batch that failed): read from the store.
    const failure = all.at(-1);
    if (failure === undefined) throw new Error('no failure recorded');
    expect(await projectThroughStream(reviewQueueConsumer(fixture.deps), [failure])).toEqual({ batchItemFailures: [] });
    expect(await fixture.deps.reviews.entry('q-6')).toMatchObject({ status: 'abandoned', version: all.length });
    // Re-delivered old records change nothing.
    await projectThroughStream(reviewQueueConsumer(fixture.deps), events);
    expect(await fixture.deps.reviews.entry('q-6')).toMatchObject({ status: 'abandoned', version: all.length });
  });
});

describe('what reviewers see and may do', () => {
  const owner = { sub: 'user-1', groups: '[creator,reviewer]' };
  const viewer = { sub: 'viewer-3', groups: '[viewer]' };
  const admin = { sub: 'admin-1', groups: '[admin]' };

  it('gives each pending review a short-lived grant over every object of the transcode under review, HLS and DASH', async () => {
    await fixture.showUpTo('p-1', reviewRequested);
    await fixture.projectReviews('p-1');
    const reviews = (await callRoute(api.list, { user: reviewer, query: { limit: '100' } })).body?.reviews as Array<{ showId: string; preview?: { expiresAt: string; sources: { format: string; url: string }[]; cloudFront?: { resource: string } } }>;
    const listed = reviews.find((r) => r.showId === 'p-1');
    expect(listed?.preview?.expiresAt).toBe('2026-03-02T10:10:00.000Z');
    // The manifests the transcode's completion recorded (domain/show/fixtures' keys): where its packaging put them.
    expect(listed?.preview?.cloudFront?.resource).toBe('https://d111111abcdef8.cloudfront.net/outputs/show-1/transcode-1/*');
    expect(listed?.preview?.sources.map((s) => [s.format, new URL(s.url).pathname])).toEqual([
      ['hls', '/outputs/show-1/transcode-1/hls/index.m3u8'],
      ['dash', '/outputs/show-1/transcode-1/dash/index.mpd'],
    ]);
    // Decided reviews carry none: there is nothing left to judge.
    const approved = (await callRoute(api.list, { user: reviewer, query: { status: 'approved' } })).body?.reviews as Array<{ preview?: unknown }>;
    expect(approved.every((r) => r.preview === undefined)).toBe(true);
  });

  it('pages with limit and nextCursor, oldest first, and refuses a cursor it did not give', async () => {
    for (const id of ['pg-1', 'pg-2', 'pg-3']) await fixture.showUpTo(id, reviewRequested, []);
    await fixture.projectReviews('pg-1', 'pg-2', 'pg-3');
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const answer = await callRoute(api.list, { user: reviewer, query: { limit: '2', ...(cursor === undefined ? {} : { cursor }) } });
      expect(answer.status).toBe(200);
      const reviews = answer.body?.reviews as { showId: string }[];
      expect(reviews.length).toBeLessThanOrEqual(2);
      seen.push(...reviews.map((r) => r.showId));
      cursor = (answer.body?.nextCursor as string | null) ?? undefined;
      if (cursor === undefined) break;
    }
    expect(seen.filter((id) => id.startsWith('pg-'))).toEqual(['pg-1', 'pg-2', 'pg-3']);
    expect(new Set(seen).size).toBe(seen.length);
    const forged = await callRoute(api.list, { user: reviewer, query: { cursor: Buffer.from('{"showId":"x"}').toString('base64url') } });
    expect(forged).toMatchObject({ status: 400, body: { error: 'INVALID_CURSOR' } });
    const otherStatus = await callRoute(api.list, { user: reviewer, query: { limit: '1' } });
    const crossed = await callRoute(api.list, { user: reviewer, query: { status: 'approved', cursor: String(otherStatus.body?.nextCursor) } });
    expect(crossed.status).toBe(400);
    expect((await callRoute(api.list, { user: reviewer, query: { limit: '0' } })).status).toBe(400);
  });

  it('refuses a reviewer their own upload, to decide or to claim, with a message saying why; another reviewer may', async () => {
    await fixture.showUpTo('own-1', reviewRequested);
    await fixture.deps.reviews.putToken('own-1', 'transcode-1', 'token-own-1');
    for (const route of [api.decide, api.claim]) {
      const refused = await callRoute(route, { path: { showId: 'own-1' }, body: route === api.decide ? { decision: 'approve' } : undefined, user: owner });
      expect(refused.status).toBe(403);
      expect(refused.body?.error).toBe('OWN_UPLOAD');
      expect(refused.body?.message).toMatch(/another reviewer must/);
    }
    expect((await fixture.store.store.readStream('show#own-1')).events.map((e) => e.type)).not.toContain('ShowApproved');
    expect((await callRoute(api.decide, { path: { showId: 'own-1' }, body: { decision: 'approve' }, user: admin })).status).toBe(200);
  });

  it('answers 403 to a signed-in user without the reviewer or admin role, on every review route', async () => {
    await fixture.showUpTo('v-1', reviewRequested);
    expect((await callRoute(api.list, { user: viewer })).status).toBe(403);
    expect((await callRoute(api.decide, { path: { showId: 'v-1' }, body: { decision: 'approve' }, user: viewer })).status).toBe(403);
    expect((await callRoute(api.claim, { path: { showId: 'v-1' }, user: viewer })).status).toBe(403);
    expect((await callRoute(api.list, { user: admin })).status).toBe(200);
  });
});

describe("the machine reviewer's approvals", () => {
  const approve = { decision: 'approve', note: 'Machine review: black 0%, silence 0%.' } as const;
  const context = (showId: string) => ({ showId, transcodeId: 'transcode-1', eventId: `review-requested-${showId}`, correlationId: `test-${showId}` });
  const decisions = async (showId: string) => (await fixture.store.store.readStream(`show#${showId}`)).events.filter((e) => e.type === 'ShowApproved').map((e) => e.actor.id);

  it('are recorded, so the workflow publishes, when MACHINE_REVIEW_APPROVALS is publish', async () => {
    await fixture.showUpTo('m-1', reviewRequested);
    expect(await actOnMachineReview(fixture.deps, context('m-1'), approve)).toEqual({ decided: true, decision: 'approve' });
    expect(await decisions('m-1')).toEqual(['machine-reviewer']);
  });

  it('only recommend when it is recommend: the review stays pending, shows the recommendation, and a human confirms', async () => {
    await fixture.showUpTo('m-2', reviewRequested);
    const deps = { ...fixture.deps, config: { ...fixture.deps.config, MACHINE_REVIEW_APPROVALS: 'recommend' as const } };
    expect(await actOnMachineReview(deps, context('m-2'), approve)).toEqual({ decided: false, recommended: true });
    expect(await decisions('m-2')).toEqual([]);
    await fixture.projectReviews('m-2');
    const pending = (await callRoute(api.list, { user: reviewer, query: { limit: '100' } })).body?.reviews as Array<{ showId: string; status: string; recommendation?: unknown }>;
    expect(pending.find((r) => r.showId === 'm-2')).toMatchObject({ status: 'pending', recommendation: { decision: 'approve', by: 'machine-reviewer', at: '2026-03-02T10:00:00.000Z', note: approve.note } });
    expect((await callRoute(api.decide, { path: { showId: 'm-2' }, body: { decision: 'approve' }, user: reviewer })).status).toBe(200);
    expect(await decisions('m-2')).toEqual(['reviewer-9']);
  });

  it('record what it measured with an escalation, and GET /reviews shows it to the human asked to decide', async () => {
    await fixture.showUpTo('m-4', reviewRequested);
    const assessment = { signals: { durationSeconds: 10, blackShare: 0, silenceShare: 0.01 }, moderation: { model: 'nsfwjs-mobilenet-v2', framesScored: 10, scores: { Porn: 0.52, Neutral: 0.47 } } };
    const unsure = { decision: 'escalate', message: 'Content moderation unsure: Porn 0.52 (escalate at 0.40).' } as const;
    expect(await actOnMachineReview(fixture.deps, context('m-4'), unsure, assessment)).toEqual({ decided: false, escalated: true });
    const escalated = (await fixture.store.store.readStream('show#m-4')).events.find((e) => e.type === 'ReviewEscalated');
    expect(escalated?.data).toMatchObject({ reason: 'MACHINE_UNSURE', message: unsure.message, assessment });
    await fixture.projectReviews('m-4');
    const pending = (await callRoute(api.list, { user: reviewer, query: { limit: '100' } })).body?.reviews as Array<{ showId: string }>;
    expect(pending.find((r) => r.showId === 'm-4')).toMatchObject({ status: 'pending', escalation: 'MACHINE_UNSURE', assessment });
  });

  it('leave its rejections recorded in either mode', async () => {
    await fixture.showUpTo('m-3', reviewRequested);
    const deps = { ...fixture.deps, config: { ...fixture.deps.config, MACHINE_REVIEW_APPROVALS: 'recommend' as const } };
    expect(await actOnMachineReview(deps, context('m-3'), { decision: 'reject', reason: 'VIDEO_QUALITY', message: 'The picture is black.' })).toEqual({ decided: true, decision: 'reject' });
  });
});

describe('resuming the workflow from a recorded decision', () => {
  it('sends the decision with the stored token', async () => {
    await fixture.deps.reviews.putToken('r-1', 't-1', 'token-r-1');
    expect(await resumeReviewedWorkflow(fixture.deps, { showId: 'r-1', transcodeId: 't-1', decision: 'approve' })).toBe('resumed');
    expect(fixture.memory.sent).toContainEqual({ kind: 'succeed', token: 'token-r-1', output: { decision: 'approve' } });
  });

  it('retries with the token an escalated wait stores after the first wait timed out', async () => {
    await fixture.deps.reviews.putToken('r-2', 't-1', 'token-r-2-first');
    fixture.memory.dead.add('token-r-2-first');
    let paused = 0;
    const outcome = await resumeReviewedWorkflow(
      {
        ...fixture.deps,
        pause: async () => {
          paused += 1;
          if (paused === 2) await fixture.deps.reviews.putToken('r-2', 't-1', 'token-r-2-escalated');
        },
      },
      { showId: 'r-2', transcodeId: 't-1', decision: 'reject' },
    );
    expect(outcome).toBe('resumed');
    expect(fixture.memory.sent).toContainEqual({ kind: 'succeed', token: 'token-r-2-escalated', output: { decision: 'reject' } });
  });

  it('gives up quietly when the wait is over (no live token for that transcode)', async () => {
    await fixture.deps.reviews.putToken('r-3', 't-2', 'token-of-a-later-review');
    expect(await resumeReviewedWorkflow(fixture.deps, { showId: 'r-3', transcodeId: 't-1', decision: 'approve' }, 3)).toBe('waitOver');
    expect(fixture.memory.sent.filter((s) => s.token === 'token-of-a-later-review')).toEqual([]);
  });
});
