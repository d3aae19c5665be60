import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3EventBridgeEvent } from './eventBridgeNotification';
import { abortIncompleteUploads, uploadsDirOf } from './multipart';
import { startS3Local } from './s3Local';

const MiB = 1024 ** 2;
const dataDir = mkdtempSync(join(tmpdir(), 's3-multipart-'));
const events: S3EventBridgeEvent[] = [];
let s3: Awaited<ReturnType<typeof startS3Local>>;
let client: S3Client;
const Bucket = 'uploads';

/** A client uploads a part as a browser would: a PUT of the bytes to the presigned URL, reading the ETag it answers. */
const putPart = async (Key: string, UploadId: string, PartNumber: number, body: Buffer) => {
  const url = await getSignedUrl(client, new UploadPartCommand({ Bucket, Key, UploadId, PartNumber }), { expiresIn: 300 });
  const answer = await fetch(url, { method: 'PUT', body });
  return { status: answer.status, etag: answer.headers.get('etag') ?? '' };
};
const uploadsLeft = async () => (await client.send(new ListMultipartUploadsCommand({ Bucket }))).Uploads ?? [];
const onDisk = () => readdirSync(uploadsDirOf(join(dataDir), Bucket));

beforeAll(async () => {
  s3 = await startS3Local({ dataDir, accountId: '000000000000', buckets: [{ name: Bucket, eventBridge: true }], onEvent: (event) => events.push(event) });
  client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
});
afterAll(async () => {
  client.destroy();
  await s3.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('multipart uploads on the local S3', () => {
  it('resumes an upload interrupted half way: lists the parts it has, uploads the rest, completes, and the object is whole', async () => {
    const Key = 'uploads/show-1/upload-1/source.mp4';
    const file = randomBytes(11 * MiB);
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'video/mp4' }));
    if (UploadId === undefined) throw new Error('no upload id');
    expect((await putPart(Key, UploadId, 1, file.subarray(0, 5 * MiB))).status).toBe(200);
    // The connection drops here: the client knows nothing but the upload id, and asks what arrived.
    const listed = await client.send(new ListPartsCommand({ Bucket, Key, UploadId }));
    expect(listed.Parts?.map((p) => ({ n: p.PartNumber, size: p.Size }))).toEqual([{ n: 1, size: 5 * MiB }]);
    expect((await uploadsLeft()).map((u) => u.Key)).toEqual([Key]);
    const two = await putPart(Key, UploadId, 2, file.subarray(5 * MiB, 10 * MiB));
    const three = await putPart(Key, UploadId, 3, file.subarray(10 * MiB));
    const etags = [...(listed.Parts ?? []).map(({ PartNumber, ETag }) => ({ PartNumber, ETag })), { PartNumber: 2, ETag: two.etag }, { PartNumber: 3, ETag: three.etag }];
    await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: etags } }));

    const stored = Buffer.from((await (await client.send(new GetObjectCommand({ Bucket, Key }))).Body?.transformToByteArray()) ?? []);
    expect(stored.equals(file)).toBe(true);
    expect(events.at(-1)).toMatchObject({ detailType: 'Object Created', detail: { object: { key: Key, size: file.length }, reason: 'CompleteMultipartUpload' } });
    expect(await uploadsLeft()).toEqual([]);
    expect(onDisk()).toEqual([]);
  });

  it('leaves nothing behind when aborted: no upload listed, no part on disk, and the upload id is gone', async () => {
    const Key = 'uploads/show-2/upload-1/source.mov';
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    await putPart(Key, UploadId ?? '', 1, randomBytes(MiB));
    expect(onDisk()).toHaveLength(1);
    await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
    expect(await uploadsLeft()).toEqual([]);
    expect(onDisk()).toEqual([]);
    await expect(client.send(new ListPartsCommand({ Bucket, Key, UploadId }))).rejects.toMatchObject({ name: 'NoSuchUpload' });
    expect((await putPart(Key, UploadId ?? '', 2, randomBytes(10))).status).toBe(404);
    expect(onDisk()).toEqual([]);
  });

  it('refuses to complete as S3 does: a part under 5 MiB that is not the last, an ETag that does not match, parts out of order', async () => {
    const Key = 'uploads/show-3/upload-1/source.mp4';
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const one = await putPart(Key, UploadId ?? '', 1, randomBytes(MiB));
    const two = await putPart(Key, UploadId ?? '', 2, randomBytes(MiB));
    const complete = (Parts: { PartNumber: number; ETag: string }[]) => client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
    await expect(complete([{ PartNumber: 1, ETag: one.etag }, { PartNumber: 2, ETag: two.etag }])).rejects.toMatchObject({ name: 'EntityTooSmall' });
    await expect(complete([{ PartNumber: 1, ETag: '"0123"' }])).rejects.toMatchObject({ name: 'InvalidPart' });
    await expect(complete([{ PartNumber: 2, ETag: two.etag }, { PartNumber: 1, ETag: one.etag }])).rejects.toMatchObject({ name: 'InvalidPartOrder' });
    expect((await putPart(Key, UploadId ?? '', 10_001, randomBytes(10))).status).toBe(400);
    // Still there, as S3 keeps it, until it is completed or aborted.
    expect((await uploadsLeft()).map((u) => u.UploadId)).toEqual([UploadId]);
  });

  it('aborts uploads left incomplete past the lifecycle rule\'s days, and keeps younger ones', async () => {
    const young = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'uploads/show-4/upload-1/source.mp4' }));
    const day = 24 * 3600 * 1000;
    expect(await abortIncompleteUploads(dataDir, Bucket, day, new Date(Date.now() + 2 * day))).toHaveLength(2);
    expect(await uploadsLeft()).toEqual([]);
    expect(onDisk()).toEqual([]);
    expect(young.UploadId).toBeDefined();
    const kept = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'uploads/show-5/upload-1/source.mp4' }));
    expect(await abortIncompleteUploads(dataDir, Bucket, day)).toEqual([]);
    expect((await uploadsLeft()).map((u) => u.UploadId)).toEqual([kept.UploadId]);
  });
});
