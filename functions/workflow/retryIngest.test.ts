import type { ExecutionStatus } from '../../domain/show';
import { retryIngestRoute } from './http/retryIngestApi';
import { callRoute, createWorkflowFixture } from './testing/workflowFixture';
import type { Run } from './workflowInput';

let fixture: Awaited<ReturnType<typeof createWorkflowFixture>>;
const started: Run[] = [];
/** Step Functions in memory: the status of each execution by name; a name not listed has ended (FAILED). */
const executions = new Map<string, ExecutionStatus>();
let route: ReturnType<typeof retryIngestRoute>;
const creator = { sub: 'user-1', groups: '[creator]' };
const workflow = { id: 'publish-workflow', kind: 'service' as const };
const ingestFailure = (reason: 'PROBE_TIMED_OUT' | 'NO_VIDEO_STREAM') => ({
  type: 'RecordIngestFailure' as const,
  showId: '',
  now: '2026-03-02T11:00:00.000Z',
  actor: workflow,
  uploadId: 'upload-1',
  reason,
  message: reason === 'NO_VIDEO_STREAM' ? 'The source has no video stream.' : 'ffprobe took too long',
});

beforeAll(async () => {
  fixture = await createWorkflowFixture();
  route = retryIngestRoute({
    store: fixture.store.store,
    sourceBucket: 'sources',
    startRun: async (run) => started.push(run),
    executions: { statusOf: async (name) => executions.get(name) ?? 'FAILED' },
  });
});
afterAll(() => fixture.dispose());

const eventTypes = async (showId: string) => (await fixture.store.store.readStream(`show#${showId}`)).events.map((e) => e.type);

describe('POST /shows/{showId}/ingest/retry', () => {
  it("starts a run from ingest on the recorded source for the show's creator, after a failure that was not the file's", async () => {
    await fixture.showUpTo('r-1', 4, [ingestFailure('PROBE_TIMED_OUT')]);
    const answer = await callRoute(route, { path: { showId: 'r-1' }, user: creator, requestId: 'req/7' });
    expect(answer).toEqual({ status: 202, body: { showId: 'r-1', executionName: 'retry-ingest-req7' } });
    expect(started.at(-1)).toMatchObject({ showId: 'r-1', uploadId: 'upload-1', bucket: 'sources', executionName: 'retry-ingest-req7', retryIngest: true });
    expect((await eventTypes('r-1')).at(-1)).toBe('IngestRetryRequested');
  });

  it("lets an admin retry anyone's show, and says to upload a new source when the file itself cannot be used", async () => {
    await fixture.showUpTo('r-2', 4, [ingestFailure('PROBE_TIMED_OUT')]);
    expect((await callRoute(route, { path: { showId: 'r-2' }, user: { sub: 'admin-1', groups: '[admin]' } })).status).toBe(202);
    await fixture.showUpTo('r-3', 4, [ingestFailure('NO_VIDEO_STREAM')]);
    const refused = await callRoute(route, { path: { showId: 'r-3' }, user: creator });
    expect(refused).toMatchObject({ status: 409, body: { error: 'INGEST_RETRY_NOT_ALLOWED' } });
    expect(refused.body?.message).toContain('POST /shows/r-3/uploads');
  });

  it("changes nothing for another creator (404), an unknown show (404), a run still going (409) or a show whose ingest did not fail (409)", async () => {
    const before = started.length;
    await fixture.showUpTo('r-4', 4, [ingestFailure('PROBE_TIMED_OUT')]);
    const eventsBefore = await eventTypes('r-4');
    expect((await callRoute(route, { path: { showId: 'r-4' }, user: { sub: 'someone-else', groups: '[creator]' } })).status).toBe(404);
    expect((await callRoute(route, { path: { showId: 'r-unknown' }, user: creator })).status).toBe(404);
    executions.set('test-r-4', 'RUNNING');
    const running = await callRoute(route, { path: { showId: 'r-4' }, user: creator });
    expect(running).toMatchObject({ status: 409, body: { error: 'INGEST_RETRY_NOT_ALLOWED' } });
    expect(running.body?.message).toContain('still RUNNING');
    expect(await eventTypes('r-4')).toEqual(eventsBefore);
    await fixture.showUpTo('r-5', 8);
    expect((await callRoute(route, { path: { showId: 'r-5' }, user: creator })).body).toMatchObject({ error: 'INGEST_RETRY_NOT_ALLOWED' });
    expect((await callRoute(route, { path: { showId: 'r-4' }, user: { sub: 'viewer-1', groups: '[]' } })).status).toBe(403);
    expect(started.length).toBe(before);
  });
});
