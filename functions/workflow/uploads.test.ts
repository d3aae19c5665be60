import { decodeShowEvent, showStreamId } from '../../domain/show';
import { metadata } from '../../domain/show/fixtures';
import { loadShow } from '../shows/showCommands';
import { showUploads, uploads } from './http/uploads';
import { ingest } from './ingest';
import { callRoute, createWorkflowFixture } from './testing/workflowFixture';

/**
 * The upload path through the workflow's composition root (DynamoDB Local event store, a presigning S3 client that
 * needs no S3), no stack: a drafted show receives its source, a rejected or failed one a new source, only from its
 * creator or an admin; requests are checked; an empty object ends its ingest in words a person reads.
 */
let fixture: Awaited<ReturnType<typeof createWorkflowFixture>>;
// The lifecycle fixtures draft as user-1 (domain/show/fixtures' owner).
const owner = { sub: 'user-1', groups: '[creator]' };
const otherCreator = { sub: 'creator-9', groups: '[creator]' };
const admin = { sub: 'admin-1', groups: '[admin]' };
const file = { fileName: 'pilot.mp4', contentType: 'video/mp4', sizeBytes: 2048 };

beforeAll(async () => {
  fixture = await createWorkflowFixture();
});
afterAll(async () => {
  await fixture.dispose();
});

const typesOf = async (showId: string) => (await fixture.store.store.readStream(showStreamId(showId))).events.map((e) => e.type);
const upload = (showId: string, user: { sub: string; groups: string }, body: unknown = file) => callRoute(showUploads(fixture.deps), { path: { showId }, user, body });
type Presigned = { uploadId: string; upload: { url: string; headers: Record<string, string>; key: string } };

describe('POST /shows/{showId}/uploads', () => {
  it('gives a show drafted alone (POST /shows) its source: a presigned PUT pinning the declared type and size', async () => {
    await fixture.showUpTo('su-1', 1);
    const answer = await upload('su-1', owner);
    expect(answer.status).toBe(201);
    const body = answer.body as Presigned;
    expect(body.upload.key).toBe(`uploads/su-1/${body.uploadId}/source.mp4`);
    expect(body.upload.headers).toEqual({ 'content-type': 'video/mp4', 'content-length': '2048' });
    const url = new URL(body.upload.url);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    // A checksum of the empty body the URL was signed without would make S3 refuse the real file.
    expect([...url.searchParams.keys()].filter((name) => name.startsWith('x-amz-checksum'))).toEqual([]);
    expect(await typesOf('su-1')).toEqual(['ShowDrafted', 'UploadRequested']);
  });

  it.each([
    ['rejected', 8, [{ type: 'RejectShow' as const, showId: '', now: '2026-03-02T11:00:00.000Z', actor: { id: 'reviewer-1', kind: 'user' as const }, reason: 'VIDEO_QUALITY' as const, message: 'Too dark.' }]],
    ['failed at review', 8, [{ type: 'RecordProcessingFailure' as const, showId: '', now: '2026-03-02T11:00:00.000Z', actor: { id: 'wf', kind: 'service' as const }, executionName: 'run-1', stage: 'review' as const, error: 'States.Timeout', cause: 'nobody decided' }]],
    ['whose ingest failed', 4, [{ type: 'RecordIngestFailure' as const, showId: '', now: '2026-03-02T11:00:00.000Z', actor: { id: 'wf', kind: 'service' as const }, uploadId: 'upload-1', reason: 'SOURCE_UNREADABLE' as const, message: 'moov atom missing' }]],
  ])('takes a new source for a show %s: a new upload id, the pipeline starts over', async (_label, steps, extra) => {
    const showId = `su-re-${steps}-${extra[0]?.type ?? ''}`;
    await fixture.showUpTo(showId, steps, extra);
    const answer = await upload(showId, owner);
    expect(answer.status).toBe(201);
    const { uploadId } = answer.body as Presigned;
    expect(uploadId).not.toBe('upload-1');
    const { state } = await loadShow(fixture.store.store, showId);
    expect(state).toMatchObject({ status: 'awaitingUpload', upload: { uploadId }, transcode: null, review: null });
  });

  it('lets an admin upload for a creator', async () => {
    await fixture.showUpTo('su-admin', 1);
    expect((await upload('su-admin', admin)).status).toBe(201);
  });

  it('answers 404 for an unknown show and for someone else\'s show, appending nothing', async () => {
    await fixture.showUpTo('su-mine', 1);
    const unknown = await upload('su-nobody', owner);
    expect(unknown).toEqual({ status: 404, body: { error: 'not_found', message: 'No show su-nobody: draft it with POST /shows first.' } });
    expect((await upload('su-mine', otherCreator)).status).toBe(404);
    expect(await typesOf('su-mine')).toEqual(['ShowDrafted']);
  });

  it('refuses a show that is being processed (409, saying why) and a viewer (403)', async () => {
    await fixture.showUpTo('su-busy', 8);
    const busy = await upload('su-busy', owner);
    expect(busy).toMatchObject({ status: 409, body: { error: 'UPLOAD_NOT_ALLOWED' } });
    expect(busy.body?.message).toContain('is inReview');
    expect((await upload('su-busy', { sub: 'user-1', groups: '' })).status).toBe(403);
  });

  it.each([
    ['an empty file', { sizeBytes: 0 }, 'body.sizeBytes must be more than 0: the file cannot be empty'],
    ['a file over 5 GiB', { sizeBytes: 5 * 1024 ** 3 + 1 }, 'body.sizeBytes must be at most 5368709120 bytes (5 GiB)'],
    ['a fractional size', { sizeBytes: 1.5 }, 'body.sizeBytes must be a whole number of bytes'],
    ['a size as text', { sizeBytes: 'big' }, 'body.sizeBytes must be the file\'s size in bytes, a number'],
    ['a non-video type', { contentType: 'application/pdf' }, 'body.contentType must be a video type such as video/mp4'],
  ])('answers 400 in one readable sentence per problem for %s', async (label, change, sentence) => {
    const showId = `su-checks-${label.replace(/\W/g, '')}`;
    await fixture.showUpTo(showId, 1);
    const answer = await upload(showId, owner, { ...file, ...change });
    expect(answer.status).toBe(400);
    expect(answer.body?.message).toContain(sentence);
    expect(await typesOf(showId)).toEqual(['ShowDrafted']);
  });
});

describe('POST /uploads', () => {
  it('drafts and asks for the upload in one call, with the same checks and pinned headers', async () => {
    const answer = await callRoute(uploads(fixture.deps), { user: owner, body: { ...metadata, ...file, showId: 'pu-1' } });
    expect(answer.status).toBe(201);
    expect((answer.body as Presigned).upload.headers).toEqual({ 'content-type': 'video/mp4', 'content-length': '2048' });
    const tooBig = await callRoute(uploads(fixture.deps), { user: owner, body: { ...metadata, ...file, sizeBytes: 6 * 1024 ** 3 } });
    expect(tooBig.status).toBe(400);
  });

  it('says where the source of a show drafted already goes', async () => {
    const again = await callRoute(uploads(fixture.deps), { user: owner, body: { ...metadata, ...file, showId: 'pu-1' } });
    expect(again).toMatchObject({ status: 409, body: { error: 'SHOW_ALREADY_DRAFTED' } });
    expect(again.body?.message).toContain('POST /shows/pu-1/uploads');
  });
});

describe('the Ingest task', () => {
  const run = (showId: string, uploadId: string) => ({ showId, uploadId, bucket: 'sources', key: `uploads/${showId}/${uploadId}/source.mp4`, sizeBytes: 0, etag: '"d41d8cd98f00b204e9800998ecf8427e"', executionName: `run-${showId}` });

  it('ends the ingest of an empty object with "the file is empty", once however often the task runs', async () => {
    await fixture.showUpTo('in-empty', 1);
    const requested = await upload('in-empty', owner);
    const { uploadId } = requested.body as Presigned;
    const task = ingest(fixture.deps);
    expect(await task(run('in-empty', uploadId))).toEqual({ outcome: 'failed', reason: 'SOURCE_UNREADABLE', message: 'the file is empty' });
    expect(await task(run('in-empty', uploadId))).toMatchObject({ outcome: 'failed', message: 'the file is empty' });
    const failed = (await fixture.store.store.readStream(showStreamId('in-empty'))).events.map((e) => decodeShowEvent(e)).filter((e) => e.type === 'IngestFailed');
    expect(failed.map((e) => e.data)).toEqual([{ showId: 'in-empty', uploadId, reason: 'SOURCE_UNREADABLE', message: 'the file is empty' }]);
  });

  it('ingests a retried source again without recording its arrival twice; an ordinary run of the same object is a duplicate', async () => {
    const wf = { id: 'wf', kind: 'service' as const };
    const failure = { type: 'RecordIngestFailure' as const, showId: '', now: '2026-03-02T11:00:00.000Z', actor: wf, uploadId: 'upload-1', reason: 'PROBE_TIMED_OUT' as const, message: 'ffprobe took too long' };
    const retry = { type: 'RetryIngest' as const, showId: '', now: '2026-03-02T11:05:00.000Z', actor: { id: 'user-1', kind: 'user' as const }, run: { executionName: 'run-1', status: 'FAILED' as const }, executionName: 'retry-1' };
    await fixture.showUpTo('in-retry', 4, [failure, retry]);
    const retried = { ...run('in-retry', 'upload-1'), sizeBytes: 1000, executionName: 'retry-1' };
    const task = ingest(fixture.deps);
    expect(await task(retried)).toMatchObject({ outcome: 'duplicate' });
    // The source bucket of this fixture answers nothing, so the probe fails: what matters is that ingest ran again.
    expect(await task({ ...retried, retryIngest: true })).toMatchObject({ outcome: 'failed' });
    const types = await typesOf('in-retry');
    expect(types.slice(types.indexOf('IngestRetryRequested'))).toEqual(['IngestRetryRequested', 'IngestStarted', 'IngestFailed']);
    expect(types.filter((t) => t === 'SourceUploaded')).toHaveLength(1);
  });
});
