import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startS3Local } from './s3Local';

describe("the local S3 applies each bucket's CorsConfiguration", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 's3-cors-'));
  const app = 'http://localhost:5173';
  let s3: Awaited<ReturnType<typeof startS3Local>>;
  let client: S3Client;

  beforeAll(async () => {
    s3 = await startS3Local({
      dataDir,
      accountId: '000000000000',
      buckets: [
        { name: 'sources', eventBridge: false, corsRules: [{ AllowedMethods: ['PUT'], AllowedOrigins: [app], AllowedHeaders: ['*'], MaxAge: 3600 }] },
        { name: 'media', eventBridge: false, corsRules: [{ AllowedMethods: ['GET', 'HEAD'], AllowedOrigins: ['*'], ExposedHeaders: ['ETag'] }] },
        { name: 'private', eventBridge: false },
      ],
      onEvent: () => undefined,
    });
    client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  });
  afterAll(async () => {
    client.destroy();
    await s3.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const preflight = (bucket: string, origin: string, method: string, headers?: string) =>
    fetch(`${s3.endpoint}/${bucket}/k.mp4`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, ...(headers === undefined ? {} : { 'access-control-request-headers': headers }) },
    });

  it("answers a preflight from the bucket's rule: allowed methods and the requested headers it allows", async () => {
    const response = await preflight('sources', app, 'PUT', 'content-type');
    expect(response.status).toBe(200);
    // s3rver answers an allowed preflight with `*` where S3 echoes a listed origin: a browser accepts either for a
    // request without credentials (what presigned URLs are).
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('PUT');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('refuses a preflight from an origin, or for a method, the rules do not allow, with no CORS headers', async () => {
    for (const response of [await preflight('sources', 'https://evil.example', 'PUT'), await preflight('sources', app, 'DELETE'), await preflight('private', app, 'GET')]) {
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('lets a page on another origin PUT to a presigned URL, and sends the exposed headers on a GET', async () => {
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: 'sources', Key: 'up.mp4', ContentType: 'video/mp4' }), { expiresIn: 60 });
    const put = await fetch(url, { method: 'PUT', headers: { origin: app, 'content-type': 'video/mp4' }, body: 'video' });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe(app);

    await client.send(new PutObjectCommand({ Bucket: 'media', Key: 'a.m3u8', Body: '#EXTM3U' }));
    // Presigned: the bucket refuses unsigned reads (Block Public Access), as S3 does.
    const getUrl = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'media', Key: 'a.m3u8' }), { expiresIn: 60 });
    const get = await fetch(getUrl, { headers: { origin: 'https://player.example' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    expect(get.headers.get('access-control-expose-headers')).toBe('ETag');
  });
});
