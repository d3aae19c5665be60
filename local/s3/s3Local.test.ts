import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3EventBridgeEvent } from './eventBridgeNotification';
import { startS3Local } from './s3Local';

describe('the local S3', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 's3-'));
  const events: S3EventBridgeEvent[] = [];
  let s3: Awaited<ReturnType<typeof startS3Local>>;
  let client: S3Client;

  beforeAll(async () => {
    s3 = await startS3Local({
      dataDir,
      accountId: '000000000000',
      buckets: [
        { name: 'uploads', eventBridge: true },
        { name: 'quiet', eventBridge: false },
      ],
      onEvent: (event) => events.push(event),
    });
    client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      // s3rver knows one access key; the local stack hands these credentials to every process.
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await s3.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts a presigned PUT byte for byte and puts an "Object Created" event shaped like S3 EventBridge', async () => {
    const body = Buffer.from('not really a video, but bytes all the same');
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: 'uploads', Key: 'shows/s1/Source.MOV' }), { expiresIn: 300 });
    const put = await fetch(url, { method: 'PUT', body });
    expect(put.status).toBe(200);
    const stored = await client.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'shows/s1/Source.MOV' }));
    expect(Buffer.from((await stored.Body?.transformToByteArray()) ?? [])).toEqual(body);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      source: 'aws.s3',
      detailType: 'Object Created',
      resources: ['arn:aws:s3:::uploads'],
      detail: { bucket: { name: 'uploads' }, object: { key: 'shows/s1/Source.MOV', size: body.length }, reason: 'PutObject', requester: '000000000000' },
    });
  });

  it('says nothing for a bucket without EventBridge notifications', async () => {
    const before = events.length;
    await client.send(new PutObjectCommand({ Bucket: 'quiet', Key: 'a.txt', Body: 'x' }));
    expect(events).toHaveLength(before);
  });
});
