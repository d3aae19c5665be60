import type { ExecutionStatus } from '../../domain/show';
import { reprocessRoute } from './http/reprocessApi';
import { callRoute, createWorkflowFixture } from './testing/workflowFixture';
import type { Run } from './workflowInput';

let fixture: Awaited<ReturnType<typeof createWorkflowFixture>>;
const started: Run[] = [];
/** Step Functions in memory: the status of each execution by name; a name not listed is RUNNING. */
const executions = new Map<string, ExecutionStatus>();
let route: ReturnType<typeof reprocessRoute>;
const admin = { sub: 'admin-1', groups: '[admin]' };
const workflow = { id: 'publish-workflow', kind: 'service' as const };

beforeAll(async () => {
  fixture = await createWorkflowFixture();
  route = reprocessRoute({
    store: fixture.store.store,
    sourceBucket: 'sources',
    startRun: async (run) => started.push(run),
    executions: { statusOf: async (name) => executions.get(name) ?? 'RUNNING' },
  });
});
afterAll(() => fixture.dispose());

/** The execution the show's workflow steps were recorded under (runShowCommands' correlation id). */
const runOf = async (showId: string) => {
  const { events } = await fixture.store.store.readStream(`show#${showId}`);
  return events.at(-1)?.correlationId ?? '';
};

describe('POST /shows/{showId}/reprocess', () => {
  it('starts a new run on the current source after a failed run, from the transcode on', async () => {
    await fixture.showUpTo('p-1', 8, [
      { type: 'RecordProcessingFailure', showId: 'p-1', now: '2026-03-02T11:00:00.000Z', actor: workflow, executionName: 'run-1', stage: 'review', error: 'Review.Unavailable', cause: 'gave up' },
    ]);
    executions.set(await runOf('p-1'), 'FAILED');
    const answer = await callRoute(route, { path: { showId: 'p-1' }, user: admin, requestId: 'req/42' });
    expect(answer).toEqual({ status: 202, body: { showId: 'p-1', executionName: 'reprocess-req42' } });
    expect(started.at(-1)).toMatchObject({ showId: 'p-1', uploadId: 'upload-1', bucket: 'sources', executionName: 'reprocess-req42', reprocess: true });
  });

  it('refuses a show whose run is still going, one with nothing probed, an unknown show and a non-admin', async () => {
    const before = started.length;
    await fixture.showUpTo('p-2', 8);
    const running = await callRoute(route, { path: { showId: 'p-2' }, user: admin });
    expect(running).toMatchObject({ status: 409, body: { error: 'REPROCESS_NOT_ALLOWED' } });
    expect(running.body?.message).toContain('still RUNNING');
    await fixture.showUpTo('p-3', 2);
    executions.set(await runOf('p-3'), 'FAILED');
    expect((await callRoute(route, { path: { showId: 'p-3' }, user: admin })).body?.error).toBe('NOTHING_TO_REPROCESS');
    expect((await callRoute(route, { path: { showId: 'p-unknown' }, user: admin })).status).toBe(404);
    expect((await callRoute(route, { path: { showId: 'p-2' }, user: { sub: 'c', groups: '[creator]' } })).status).toBe(403);
    expect(started.length).toBe(before);
  });

  it('gives a run that recorded its failure a moment to end, and starts the new run once it has', async () => {
    await fixture.showUpTo('p-6', 8, [
      { type: 'RecordProcessingFailure', showId: 'p-6', now: '2026-03-02T11:00:00.000Z', actor: workflow, executionName: 'run-6', stage: 'review', error: 'Review.Unavailable', cause: 'gave up' },
    ]);
    const name = await runOf('p-6');
    const looks: ExecutionStatus[] = ['RUNNING', 'RUNNING', 'FAILED'];
    const ending = reprocessRoute({
      store: fixture.store.store,
      sourceBucket: 'sources',
      startRun: async (run) => started.push(run),
      executions: { statusOf: async (asked) => (asked === name ? (looks.shift() ?? 'FAILED') : 'RUNNING') },
      pause: async () => undefined,
    });
    expect((await callRoute(ending, { path: { showId: 'p-6' }, user: admin })).status).toBe(202);
    expect(looks).toEqual([]);
  });

  it('reprocesses a rejected show', async () => {
    await fixture.showUpTo('p-4', 8, [{ type: 'RejectShow', showId: 'p-4', now: '2026-03-02T11:00:00.000Z', actor: { id: 'reviewer-1', kind: 'user' }, reason: 'VIDEO_QUALITY', message: 'Too dark.' }]);
    executions.set(await runOf('p-4'), 'SUCCEEDED');
    expect((await callRoute(route, { path: { showId: 'p-4' }, user: admin })).status).toBe(202);
  });

  it('reprocesses a show stuck in review behind a run that ended, recording that run as stranded first', async () => {
    await fixture.showUpTo('p-5', 8);
    const stuckRun = await runOf('p-5');
    executions.set(stuckRun, 'ABORTED');
    const answer = await callRoute(route, { path: { showId: 'p-5' }, user: admin, requestId: 'req-5' });
    expect(answer.status).toBe(202);
    expect(started.at(-1)).toMatchObject({ showId: 'p-5', executionName: 'reprocess-req-5', reprocess: true });
    const { events } = await fixture.store.store.readStream('show#p-5');
    expect(events.at(-1)).toMatchObject({
      type: 'ProcessingFailed',
      correlationId: stuckRun,
      data: { executionName: stuckRun, stage: 'review', error: 'Workflow.Stranded', cause: `The workflow stopped without recording an outcome: execution ${stuckRun} is ABORTED.` },
    });
  });
});
