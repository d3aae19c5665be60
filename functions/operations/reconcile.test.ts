import { createStoreFixture, type StoreFixture } from '../../adapters/eventstore/testing/storeFixture';
import { publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import type { ShowCommand } from '../../domain/show';
import type { OperatorMetric } from '../runtime/metrics';
import type { EndedRun } from './executions';
import { reconcile } from './reconcile';

let fixture: StoreFixture;
beforeAll(async () => {
  fixture = await createStoreFixture();
});
afterAll(() => fixture.dispose());

const minute = 60_000;
// The show lifecycle's commands happen at 2026-03-01T10:00Z, under the execution `test-<showId>`.
const deadlinesMs = { ingest: 10 * minute, transcode: 10 * minute, review: 10 * minute, publish: 10 * minute };
const workflow = { id: 'publish-workflow', kind: 'service' as const };

/** A round of the reconciler at `now`, over these ended runs (Step Functions' ListExecutions in memory). */
const round = (ended: readonly EndedRun[], now = '2026-03-01T11:00:00.000Z') => {
  const counted: [OperatorMetric, number][] = [];
  const since: string[] = [];
  const run = reconcile({
    store: fixture.store,
    executions: { endedSince: async (from) => (since.push(from), ended) },
    deadlinesMs,
    lookbackMs: 60 * minute,
    now: () => now,
    count: (metric, value) => counted.push([metric, value]),
  });
  return { run, counted, since };
};

const showUpTo = (showId: string, steps: number, extra: readonly ShowCommand[] = []) =>
  runShowCommands(fixture.store, [...publishCommands({ showId }).slice(0, steps), ...extra.map((command) => ({ ...command, showId }))]);
const eventsOf = async (showId: string) => (await fixture.store.readStream(`show#${showId}`)).events;

describe('the workflow reconciler', () => {
  it('records the failure of a run that ended and left its show in review, once, and counts it', async () => {
    await showUpTo('r-1', 8);
    const first = round([{ executionName: 'test-r-1', showId: 'r-1', status: 'ABORTED' }]);
    expect(await first.run()).toEqual({ checked: 1, stranded: ['r-1'] });
    expect(first.since).toEqual(['2026-03-01T10:00:00.000Z']);
    expect((await eventsOf('r-1')).at(-1)).toMatchObject({
      type: 'ProcessingFailed',
      correlationId: 'test-r-1',
      actor: { id: 'workflow-reconciler', kind: 'service' },
      data: { executionName: 'test-r-1', stage: 'review', error: 'Workflow.Stranded', cause: 'The workflow stopped without recording an outcome: execution test-r-1 is ABORTED.' },
    });
    expect(first.counted).toEqual([['StuckShows', 1], ['WorkflowFailed', 1]]);

    const again = round([{ executionName: 'test-r-1', showId: 'r-1', status: 'ABORTED' }]);
    expect(await again.run()).toEqual({ checked: 1, stranded: [] });
    expect(again.counted).toEqual([]);
    expect((await eventsOf('r-1')).filter((event) => event.type === 'ProcessingFailed')).toHaveLength(1);
  });

  it('leaves alone a show another run has moved on, one whose run recorded its outcome, and one not yet past its deadline', async () => {
    await showUpTo('r-2', 8);
    await showUpTo('r-3', 8, [{ type: 'RecordProcessingFailure', showId: 'r-3', now: '2026-03-01T10:00:00.000Z', actor: workflow, executionName: 'test-r-3', stage: 'review', error: 'States.Timeout', cause: 'nobody decided' }]);
    await showUpTo('r-4', 6);
    const versions = await Promise.all(['r-2', 'r-3', 'r-4'].map(async (id) => (await eventsOf(id)).length));
    const ended: EndedRun[] = [
      { executionName: 'an-older-run', showId: 'r-2', status: 'FAILED' },
      { executionName: 'test-r-3', showId: 'r-3', status: 'FAILED' },
      { executionName: 'test-r-4', showId: 'r-4', status: 'TIMED_OUT' },
    ];
    const early = round(ended, '2026-03-01T10:05:00.000Z');
    expect(await early.run()).toEqual({ checked: 3, stranded: [] });
    expect(early.counted).toEqual([]);
    expect(await Promise.all(['r-2', 'r-3', 'r-4'].map(async (id) => (await eventsOf(id)).length))).toEqual(versions);
    // Past the deadline, the transcode left running by a run that timed out is stranded too.
    expect((await round(ended).run()).stranded).toEqual(['r-4']);
  });
});
