import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3EventBridgeEvent } from '../../local/s3/eventBridgeNotification';
import { startS3Local } from '../../local/s3/s3Local';
import type { WorkflowDeps } from './deps';
import { abortUpload, completeUpload, showUploads, uploadParts } from './http/uploads';
import { callRoute, createWorkflowFixture } from './testing/workflowFixture';
import { sourceKeyPattern } from './workflowRuns';

/**
 * The multipart routes against the real local S3 (s3rver behind the multipart facade of local/s3, signatures checked):
 * a creator's client PUTs parts to the presigned URLs the routes hand out, as a browser would. What must hold: an
 * upload interrupted half way resumes (GET .../parts) and completes into the very file, whose arrival is the S3 event
 * that starts the workflow; an aborted one leaves nothing behind; S3's refusals reach the creator as a 400 or 404 in words.
 */
const MiB = 1024 ** 2;
const dataDir = mkdtempSync(join(tmpdir(), 'multipart-routes-'));
const events: S3EventBridgeEvent[] = [];
let s3: Awaited<ReturnType<typeof startS3Local>>;
let fixture: Awaited<ReturnType<typeof createWorkflowFixture>>;
let client: S3Client;
let deps: WorkflowDeps;
const owner = { sub: 'user-1', groups: '[creator]' };
const Bucket = 'sources';

beforeAll(async () => {
  s3 = await startS3Local({ dataDir, accountId: '000000000000', buckets: [{ name: Bucket, eventBridge: true }], onEvent: (event) => events.push(event) });
  fixture = await createWorkflowFixture();
  client = new S3Client({ endpoint: s3.endpoint, region: 'eu-west-1', forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  deps = { ...fixture.deps, s3: client };
});
afterAll(async () => {
  await fixture.dispose();
  client.destroy();
  await s3.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

type PartUrl = { partNumber: number; url: string };
type Started = { uploadId: string; multipart: { key: string; partSizeBytes: number; partCount: number; parts: PartUrl[] } };
type Parts = { partSizeBytes: number; partCount: number; uploaded: { partNumber: number; etag: string; sizeBytes: number }[]; missing: PartUrl[] };

/** Drafts a show and starts a multipart upload of `sizeBytes` through POST /shows/{showId}/uploads. */
const start = async (showId: string, sizeBytes: number) => {
  await fixture.showUpTo(showId, 1);
  const answer = await callRoute(showUploads(deps), { path: { showId }, user: owner, body: { fileName: 'long-take.mov', contentType: 'video/quicktime', sizeBytes, multipart: true } });
  expect(answer.status).toBe(201);
  return answer.body as unknown as Started;
};
/** What a browser does with a part URL: a PUT of the bytes, keeping the ETag it answers. */
const put = async (url: string, body: Buffer) => {
  const answer = await fetch(url, { method: 'PUT', body });
  return { status: answer.status, etag: answer.headers.get('etag') ?? '', text: await answer.text() };
};
const sliceOf = (file: Buffer, partSize: number, partNumber: number) => file.subarray((partNumber - 1) * partSize, partNumber * partSize);
const path = (showId: string, uploadId: string) => ({ showId, uploadId });
const parts = (showId: string, uploadId: string) => callRoute(uploadParts(deps), { path: path(showId, uploadId), user: owner });
const complete = (showId: string, uploadId: string, body: unknown) => callRoute(completeUpload(deps), { path: path(showId, uploadId), user: owner, body });
const abort = (showId: string, uploadId: string) => callRoute(abortUpload(deps), { path: path(showId, uploadId), user: owner });
const inProgress = async (key: string) => ((await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: key }))).Uploads ?? []).map((u) => u.Key);
const objectThere = (key: string) => client.send(new HeadObjectCommand({ Bucket, Key: key })).then(() => true, () => false);

describe('a multipart upload through the API and the local S3', () => {
  it('resumes after the connection drops half way: the parts route says what arrived, the rest goes up, and the file is whole', async () => {
    const file = randomBytes(33 * MiB);
    const started = await start('mp-resume', file.length);
    const { key, partSizeBytes, partCount, parts: urls } = started.multipart;
    expect({ partSizeBytes, partCount, urls: urls.map((u) => u.partNumber) }).toEqual({ partSizeBytes: 16 * MiB, partCount: 3, urls: [1, 2, 3] });
    expect((await put(urls[0]?.url ?? '', sliceOf(file, partSizeBytes, 1))).status).toBe(200);

    // The connection drops: the client kept only the show and upload ids, and asks the API where it was.
    const resumed = await parts('mp-resume', started.uploadId);
    expect(resumed.status).toBe(200);
    const state = resumed.body as unknown as Parts;
    expect(state.uploaded.map((p) => [p.partNumber, p.sizeBytes])).toEqual([[1, 16 * MiB]]);
    expect(state.missing.map((p) => p.partNumber)).toEqual([2, 3]);
    const rest = await Promise.all(state.missing.map(async ({ partNumber, url }) => ({ partNumber, etag: (await put(url, sliceOf(file, partSizeBytes, partNumber))).etag })));

    const done = await complete('mp-resume', started.uploadId, { parts: [...state.uploaded.map(({ partNumber, etag }) => ({ partNumber, etag })), ...rest] });
    expect(done).toEqual({ status: 200, body: { showId: 'mp-resume', uploadId: started.uploadId, key } });
    const stored = Buffer.from((await (await client.send(new GetObjectCommand({ Bucket, Key: key }))).Body?.transformToByteArray()) ?? []);
    expect(stored.equals(file)).toBe(true);
    expect(await inProgress(key)).toEqual([]);
    // The object's arrival is the S3 event the workflow's starter takes: an upload source of this show and upload.
    const created = events.find((event) => event.detail.object.key === key);
    expect(created).toMatchObject({ detailType: 'Object Created', detail: { bucket: { name: Bucket }, object: { size: file.length }, reason: 'CompleteMultipartUpload' } });
    expect(sourceKeyPattern.exec(key)?.slice(1)).toEqual(['mp-resume', started.uploadId]);
    // Completed: nothing left to resume.
    expect((await parts('mp-resume', started.uploadId)).status).toBe(404);
  });

  it('leaves nothing behind when aborted: no upload in progress, no object, and the upload is gone for the API and for S3', async () => {
    const started = await start('mp-abort', 20 * MiB);
    const [first] = started.multipart.parts;
    expect((await put(first?.url ?? '', randomBytes(MiB))).status).toBe(200);
    expect(await inProgress(started.multipart.key)).toEqual([started.multipart.key]);

    expect((await abort('mp-abort', started.uploadId)).status).toBe(204);
    expect(await inProgress(started.multipart.key)).toEqual([]);
    expect(await objectThere(started.multipart.key)).toBe(false);
    expect((await parts('mp-abort', started.uploadId)).body).toMatchObject({ error: 'not_found' });
    expect((await complete('mp-abort', started.uploadId, { parts: [{ partNumber: 1, etag: '"x"' }] })).status).toBe(404);
    expect((await abort('mp-abort', started.uploadId)).status).toBe(404);
    // A part URL handed out before the abort finds no upload, as on S3 (NoSuchUpload), and stores nothing.
    const late = await put(started.multipart.parts[1]?.url ?? '', randomBytes(10));
    expect({ status: late.status, code: /<Code>(\w+)<\/Code>/.exec(late.text)?.[1] }).toEqual({ status: 404, code: 'NoSuchUpload' });
    expect(await inProgress(started.multipart.key)).toEqual([]);
    expect(events.some((event) => event.detail.object.key === started.multipart.key)).toBe(false);
  });

  it('answers S3\'s refusals in words: a part under 5 MiB that is not the last (EntityTooSmall), an ETag S3 did not give (InvalidPart)', async () => {
    const started = await start('mp-refused', 20 * MiB);
    const [one, two] = started.multipart.parts;
    // A client that cut its parts smaller than the partSizeBytes it was told.
    const first = await put(one?.url ?? '', randomBytes(MiB));
    const second = await put(two?.url ?? '', randomBytes(MiB));

    const tooSmall = await complete('mp-refused', started.uploadId, { parts: [{ partNumber: 1, etag: first.etag }, { partNumber: 2, etag: second.etag }] });
    expect(tooSmall).toMatchObject({ status: 400, body: { error: 'invalid_parts' } });
    expect(tooSmall.body?.message).toMatch(/^S3 refused to assemble the file \(EntityTooSmall\): .*every part but the last needs at least 5 MiB\. List the parts with GET/);
    const wrongTag = await complete('mp-refused', started.uploadId, { parts: [{ partNumber: 1, etag: '"0123456789abcdef0123456789abcdef"' }] });
    expect(wrongTag).toMatchObject({ status: 400, body: { error: 'invalid_parts' } });
    expect(wrongTag.body?.message).toContain('(InvalidPart)');
    const outOfOrder = await complete('mp-refused', started.uploadId, { parts: [{ partNumber: 2, etag: second.etag }, { partNumber: 1, etag: first.etag }] });
    expect(outOfOrder.body?.message).toContain('(InvalidPartOrder)');

    // Refused completions change nothing: the upload is still there to finish, and no object was made.
    expect(await inProgress(started.multipart.key)).toEqual([started.multipart.key]);
    expect(await objectThere(started.multipart.key)).toBe(false);
    const last = await complete('mp-refused', started.uploadId, { parts: [{ partNumber: 1, etag: first.etag }] });
    expect(last.status).toBe(200);
  });

  it('answers 404 to someone else than the show\'s creator, and for an upload that was one PUT', async () => {
    const started = await start('mp-others', 20 * MiB);
    const stranger = await callRoute(uploadParts(deps), { path: path('mp-others', started.uploadId), user: { sub: 'creator-9', groups: '[creator]' } });
    expect(stranger.status).toBe(404);
    const single = await callRoute(showUploads(deps), { path: { showId: 'mp-others' }, user: owner, body: { fileName: 'short.mp4', contentType: 'video/mp4', sizeBytes: 2048 } });
    const { uploadId } = single.body as { uploadId: string };
    expect((await parts('mp-others', uploadId)).body?.message).toContain('is not a multipart upload in progress');
  });
});
