import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startS3Local } from './s3Local';

describe('the local S3 under Block Public Access', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 's3-bpa-'));
  let s3: Awaited<ReturnType<typeof startS3Local>>;
  const clientWith = (secretAccessKey: string) =>
    new S3Client({ endpoint: s3.endpoint, region: 'eu-west-1', forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: { accessKeyId: 'S3RVER', secretAccessKey } });
  let client: S3Client;
  let forger: S3Client;

  beforeAll(async () => {
    s3 = await startS3Local({ dataDir, accountId: '000000000000', buckets: [{ name: 'media', eventBridge: false, corsRules: [{ AllowedMethods: ['GET', 'PUT'], AllowedOrigins: ['*'], AllowedHeaders: ['content-type'] }] }], onEvent: () => undefined });
    client = clientWith('S3RVER');
    forger = clientWith('not-the-secret');
    await client.send(new PutObjectCommand({ Bucket: 'media', Key: 'outputs/s1/t1/hls/master.m3u8', Body: '#EXTM3U' }));
  });
  afterAll(async () => {
    client.destroy();
    forger.destroy();
    await s3.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const object = () => `${s3.endpoint}/media/outputs/s1/t1/hls/master.m3u8`;

  it('refuses an anonymous GET or HEAD of an object, and an anonymous listing, with S3\'s AccessDenied document', async () => {
    for (const [url, method] of [[object(), 'GET'], [object(), 'HEAD'], [`${s3.endpoint}/media`, 'GET'], [`${s3.endpoint}/media?list-type=2&prefix=outputs/`, 'GET'], [`${s3.endpoint}/`, 'GET']] as const) {
      const response = await fetch(url, { method });
      expect({ url, method, status: response.status }).toEqual({ url, method, status: 403 });
      if (method === 'GET') expect(await response.text()).toMatch(/<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message>/);
    }
    const put = await fetch(`${s3.endpoint}/media/planted.txt`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(403);
  });

  it('serves a presigned GET, and SDK requests signed with the right secret', async () => {
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'media', Key: 'outputs/s1/t1/hls/master.m3u8' }), { expiresIn: 60 });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('#EXTM3U');
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'media', Prefix: 'outputs/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['outputs/s1/t1/hls/master.m3u8']);
    // Keys that need encoding sign as sent (S3 does not normalise the path).
    const odd = "sources/s1/My Night's Train (é) +1.MOV";
    await client.send(new PutObjectCommand({ Bucket: 'media', Key: odd, Body: 'bytes' }));
    expect((await fetch(await getSignedUrl(client, new GetObjectCommand({ Bucket: 'media', Key: odd }), { expiresIn: 60 }))).status).toBe(200);
  });

  it('checks the signature for real: a forged or altered one, another key, or an expired URL is refused', async () => {
    const url = new URL(await getSignedUrl(client, new GetObjectCommand({ Bucket: 'media', Key: 'outputs/s1/t1/hls/master.m3u8' }), { expiresIn: 60 }));
    const forged = new URL(url);
    forged.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    const otherKey = new URL(url.href.replace('master.m3u8', 'other.m3u8'));
    const longer = new URL(url);
    longer.searchParams.set('X-Amz-Expires', '3600');
    for (const tampered of [forged, otherKey, longer]) {
      const response = await fetch(tampered);
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/<Code>SignatureDoesNotMatch<\/Code>/);
    }
    const badSecret = await getSignedUrl(forger, new GetObjectCommand({ Bucket: 'media', Key: 'outputs/s1/t1/hls/master.m3u8' }), { expiresIn: 60 });
    expect((await fetch(badSecret)).status).toBe(403);
    await expect(forger.send(new ListObjectsV2Command({ Bucket: 'media' }))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });

    const expired = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'media', Key: 'outputs/s1/t1/hls/master.m3u8' }), { expiresIn: 1, signingDate: new Date(Date.now() - 60_000) });
    const late = await fetch(expired);
    expect(late.status).toBe(403);
    expect(await late.text()).toMatch(/Request has expired/);
  });

  it('lets CORS preflights through unsigned, to be answered from the bucket\'s rules', async () => {
    const preflight = await fetch(object(), { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers the preflight a browser sends to a presigned PUT URL itself (query and all) from the bucket\'s rules', async () => {
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: 'media', Key: 'uploads/s1/u1/source.mp4', ContentType: 'video/mp4' }), { expiresIn: 60 });
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});
