import { decodeShowEvent, showStreamId } from '../../domain/show';
import { metadata } from '../../domain/show/fixtures';
import { uploads } from './http/uploads';
import { workflowStatus } from './http/workflowStatus';
import { recordFailure } from './recordFailure';
import { callRoute, createWorkflowFixture } from './testing/workflowFixture';

/**
 * Uploads, the workflow status view and the failure recorder over the workflow's ports (DynamoDB Local event store,
 * a presigning S3 client that needs no S3), no stack.
 */
let fixture: Awaited<ReturnType<typeof createWorkflowFixture>>;
const creator = { sub: 'creator-7', groups: '[creator]' };
const uploadBody = { ...metadata, fileName: 'pilot.MP4', contentType: 'video/mp4', sizeBytes: 1024 };

beforeAll(async () => {
  fixture = await createWorkflowFixture();
});
afterAll(async () => {
  await fixture.dispose();
});

const typesOf = async (showId: string) => (await fixture.store.store.readStream(showStreamId(showId))).events.map((e) => e.type);

describe('POST /uploads', () => {
  it('drafts the show, requests the upload and answers a presigned PUT of the source to the source bucket', async () => {
    const answer = await callRoute(uploads(fixture.deps), { user: creator, body: { ...uploadBody, showId: 'up-1' }, requestId: 'req-1' });
    expect(answer.status).toBe(201);
    const body = answer.body as { showId: string; uploadId: string; upload: { method: string; url: string; headers: Record<string, string>; key: string } };
    expect(body.showId).toBe('up-1');
    expect(body.upload.key).toBe(`uploads/up-1/${body.uploadId}/source.mp4`);
    expect(body.upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'video/mp4' } });
    const url = new URL(body.upload.url);
    expect(url.pathname).toBe(`/sources/${body.upload.key}`);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeGreaterThan(0);
    expect(await typesOf('up-1')).toEqual(['ShowDrafted', 'UploadRequested']);
  });

  it('answers 409 with the refusal when the show id is taken, appending nothing', async () => {
    const again = await callRoute(uploads(fixture.deps), { user: creator, body: { ...uploadBody, showId: 'up-1' }, requestId: 'req-2' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: expect.any(String) });
    expect(await typesOf('up-1')).toEqual(['ShowDrafted', 'UploadRequested']);
  });

  it('refuses a viewer', async () => {
    expect((await callRoute(uploads(fixture.deps), { user: { sub: 'v', groups: '' }, body: uploadBody })).status).toBe(403);
  });
});

describe('GET /shows/{showId}/workflow', () => {
  it('answers 404 for a show with no events', async () => {
    expect(await callRoute(workflowStatus(fixture.deps), { user: creator, path: { showId: 'nobody' } })).toMatchObject({ status: 404 });
  });

  it('answers the stage timeline of the latest run from the show events', async () => {
    await fixture.showUpTo('st-1', 8);
    // user-1 drafted the fixture's shows.
    const answer = await callRoute(workflowStatus(fixture.deps), { user: { sub: 'user-1', groups: '[creator]' }, path: { showId: 'st-1' } });
    expect(answer.status).toBe(200);
    const body = answer.body as { showId: string; currentStage: string; stages: { stage: string; status: string }[]; progress: unknown; error: unknown };
    expect(body).toMatchObject({ showId: 'st-1', currentStage: 'review', progress: null, error: null });
    expect(body.stages.map((s) => [s.stage, s.status])).toEqual([
      ['upload', 'succeeded'],
      ['ingest', 'succeeded'],
      ['transcode', 'succeeded'],
      ['review', 'running'],
    ]);
  });

  it('shows the timeline to the show\'s creator, reviewers and admins; to other users the show is not there (404)', async () => {
    await fixture.showUpTo('st-2', 8);
    const status = async (user: { sub: string; groups: string }) => (await callRoute(workflowStatus(fixture.deps), { user, path: { showId: 'st-2' } })).status;
    expect(await status({ sub: 'user-1', groups: '' })).toBe(200);
    expect(await status({ sub: 'reviewer-2', groups: '[reviewer]' })).toBe(200);
    expect(await status({ sub: 'admin-2', groups: '[admin]' })).toBe(200);
    expect(await status({ sub: 'creator-7', groups: '[creator]' })).toBe(404);
    expect(await status({ sub: 'viewer-2', groups: '' })).toBe(404);
  });
});

describe('the RecordFailure task', () => {
  it('records one ProcessingFailed per execution, however often the task is retried', async () => {
    await fixture.showUpTo('rf-1', 4);
    const task = recordFailure(fixture.deps);
    const notice = { stage: 'ingest', error: 'States.TaskFailed', cause: JSON.stringify({ errorType: 'Error', errorMessage: 'probe crashed' }) };
    expect(await task({ showId: 'rf-1', executionName: 'exec-1', notice })).toEqual({ recorded: true });
    expect(await task({ showId: 'rf-1', executionName: 'exec-1', notice })).toEqual({ recorded: true });
    expect(await task({ showId: 'rf-1', executionName: 'exec-1', notice: { ...notice, stage: 'transcode' } })).toEqual({ recorded: true });
    const failures = (await fixture.store.store.readStream(showStreamId('rf-1'))).events.map((e) => decodeShowEvent(e)).filter((e) => e.type === 'ProcessingFailed');
    expect(failures.map((e) => e.data)).toEqual([{ showId: 'rf-1', executionName: 'exec-1', stage: 'ingest', error: 'States.TaskFailed', cause: 'probe crashed' }]);
  });
});
