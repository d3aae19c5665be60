import { reprocessRoute } from './http/reprocessApi';
import { callRoute, createWorkflowFixture } from './testing/workflowFixture';
import type { Run } from './workflowInput';

let fixture: Awaited<ReturnType<typeof createWorkflowFixture>>;
const started: Run[] = [];
let route: ReturnType<typeof reprocessRoute>;
const admin = { sub: 'admin-1', groups: '[admin]' };
const workflow = { id: 'publish-workflow', kind: 'service' as const };

beforeAll(async () => {
  fixture = await createWorkflowFixture();
  route = reprocessRoute({ store: fixture.store.store, sourceBucket: 'sources', startRun: async (run) => started.push(run) });
});
afterAll(() => fixture.dispose());

describe('POST /shows/{showId}/reprocess', () => {
  it('starts a new run on the current source after a failed run, from the transcode on', async () => {
    await fixture.showUpTo('p-1', 8, [
      { type: 'RecordProcessingFailure', showId: 'p-1', now: '2026-03-02T11:00:00.000Z', actor: workflow, executionName: 'run-1', stage: 'review', error: 'Review.Unavailable', cause: 'gave up' },
    ]);
    const answer = await callRoute(route, { path: { showId: 'p-1' }, user: admin, requestId: 'req/42' });
    expect(answer).toEqual({ status: 202, body: { showId: 'p-1', executionName: 'reprocess-req42' } });
    expect(started.at(-1)).toMatchObject({ showId: 'p-1', uploadId: 'upload-1', bucket: 'sources', executionName: 'reprocess-req42', reprocess: true });
  });

  it('refuses a show whose run is still going, one with nothing probed, an unknown show and a non-admin', async () => {
    const before = started.length;
    await fixture.showUpTo('p-2', 8);
    expect((await callRoute(route, { path: { showId: 'p-2' }, user: admin })).body?.error).toBe('REPROCESS_NOT_ALLOWED');
    await fixture.showUpTo('p-3', 2);
    expect((await callRoute(route, { path: { showId: 'p-3' }, user: admin })).body?.error).toBe('NOTHING_TO_REPROCESS');
    expect((await callRoute(route, { path: { showId: 'p-unknown' }, user: admin })).status).toBe(404);
    expect((await callRoute(route, { path: { showId: 'p-2' }, user: { sub: 'c', groups: '[creator]' } })).status).toBe(403);
    expect(started.length).toBe(before);
  });

  it('reprocesses a rejected show', async () => {
    await fixture.showUpTo('p-4', 8, [{ type: 'RejectShow', showId: 'p-4', now: '2026-03-02T11:00:00.000Z', actor: { id: 'reviewer-1', kind: 'user' }, reason: 'VIDEO_QUALITY', message: 'Too dark.' }]);
    expect((await callRoute(route, { path: { showId: 'p-4' }, user: admin })).status).toBe(202);
  });
});
