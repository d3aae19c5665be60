import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { cloudFrontSigner } from '../../functions/delivery/signing';
import { startS3Local } from '../s3/s3Local';
import { startPlaybackOrigin, type PlaybackOrigin } from './origin';

const cors = { allowOrigins: ['*'], allowMethods: ['GET', 'HEAD', 'OPTIONS'], allowHeaders: ['*'], exposeHeaders: ['ETag', 'Content-Length', 'Content-Range'], maxAgeSeconds: 600 };
const keys = {
  master: 'shows/s1/t1/hls/master.m3u8',
  variant: 'shows/s1/t1/hls/720p/index.m3u8',
  segment: 'shows/s1/t1/hls/720p/seg-00001.ts',
  mpd: 'shows/s1/t1/dash/manifest.mpd',
  thumbnail: 'shows/s1/t1/thumbnails/thumb.0000000.jpg',
  otherShow: 'shows/s2/t9/hls/master.m3u8',
};

describe('the local playback origin (CloudFront with a trusted key group, in front of the private media bucket)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'origin-'));
  let s3: Awaited<ReturnType<typeof startS3Local>>;
  let client: S3Client;
  let origin: PlaybackOrigin;
  const signer = () => cloudFrontSigner({ domain: origin.url, keyPairId: origin.keyPairId, privateKey: async () => origin.privateKeyPem });
  const outputs = [{ format: 'hls', key: keys.master }, { format: 'dash', key: keys.mpd }];

  beforeAll(async () => {
    s3 = await startS3Local({ dataDir, accountId: '000000000000', buckets: [{ name: 'media', eventBridge: false }], onEvent: () => undefined });
    client = new S3Client({ endpoint: s3.endpoint, region: 'eu-west-1', forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    for (const key of Object.values(keys)) await client.send(new PutObjectCommand({ Bucket: 'media', Key: key, Body: `bytes of ${key}`, ContentType: 'application/octet-stream' }));
    origin = await startPlaybackOrigin({ s3: client, bucket: 'media', unsignedPathPatterns: ['shows/*/thumbnails/*'], cors });
  });
  afterAll(async () => {
    await origin.stop();
    client.destroy();
    await s3.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const at = (key: string, query = '') => `${origin.url}/${key}${query === '' ? '' : `?${query}`}`;

  it('serves every object under the granted transcode with the grant as a query, and as the signed cookies', async () => {
    const grant = await signer().grant({ outputs, now: new Date(), ttlSeconds: 60 });
    const query = grant.cloudFront?.query ?? '';
    for (const key of [keys.master, keys.variant, keys.segment, keys.mpd]) {
      const response = await fetch(at(key, query));
      expect({ key, status: response.status }).toEqual({ key, status: 200 });
      expect(await response.text()).toBe(`bytes of ${key}`);
    }
    expect((await fetch(grant.sources[0]?.url ?? '')).status).toBe(200);
    const cookies = Object.entries(grant.cloudFront?.cookies ?? {}).map(([name, value]) => `${name}=${value}`).join('; ');
    expect((await fetch(at(keys.segment), { headers: { cookie: cookies } })).status).toBe(200);
    const ranged = await fetch(at(keys.segment, query), { headers: { range: 'bytes=0-4' } });
    expect(ranged.status).toBe(206);
    expect(await ranged.text()).toBe('bytes');
  });

  it('refuses a request without a grant, with a forged or stretched one, an expired one, or one for another transcode', async () => {
    const grant = await signer().grant({ outputs, now: new Date(), ttlSeconds: 60 });
    const query = new URLSearchParams(grant.cloudFront?.query ?? '');
    const unsigned = await fetch(at(keys.segment));
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toMatch(/<Code>MissingKey<\/Code>/);

    const stretched = new URLSearchParams(query);
    const policy = JSON.parse(Buffer.from((query.get('Policy') ?? '').replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64').toString('utf8')) as { Statement: [{ Resource: string }] };
    policy.Statement[0].Resource = `${origin.url}/*`;
    stretched.set('Policy', Buffer.from(JSON.stringify(policy)).toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~'));
    const otherKeyId = new URLSearchParams(query);
    otherKeyId.set('Key-Pair-Id', 'KNOTTRUSTED');
    const expired = await signer().grant({ outputs, now: new Date(Date.now() - 120_000), ttlSeconds: 60 });
    const refused = [
      await fetch(at(keys.otherShow, stretched.toString())),
      await fetch(at(keys.segment, otherKeyId.toString())),
      await fetch(at(keys.segment, expired.cloudFront?.query ?? '')),
      await fetch(at(keys.otherShow, query.toString())),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(await refused[2]?.text()).toMatch(/expired/);
    expect(await refused[3]?.text()).toMatch(/does not cover/);
  });

  it('serves thumbnails without a grant (their cache behaviour trusts no key group), nothing else beside them', async () => {
    const thumbnail = await fetch(at(keys.thumbnail));
    expect(thumbnail.status).toBe(200);
    expect((await fetch(at('shows/s1/t1/hls/thumbnails-are-not-here.m3u8'))).status).toBe(403);
  });

  it('answers with the response headers policy\'s CORS headers and preflights, and refuses writes', async () => {
    const get = await fetch(at(keys.thumbnail), { headers: { origin: 'https://app.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    expect(get.headers.get('access-control-expose-headers')).toBe('ETag, Content-Length, Content-Range');
    const preflight = await fetch(at(keys.segment), { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' } });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('range');
    expect((await fetch(at(keys.segment), { method: 'PUT', body: 'x' })).status).toBe(403);
    expect((await fetch(`${origin.url}/shows/%E0%A4%A/x.ts`)).status).toBe(400);
  });

  it('keeps its key pair in its key file: a grant handed out before a restart still plays after it', async () => {
    const keyFile = join(dataDir, 'playback', 'signing-key.json');
    const first = await startPlaybackOrigin({ s3: client, bucket: 'media', unsignedPathPatterns: [], cors, keyFile });
    const signedBefore = cloudFrontSigner({ domain: first.url, keyPairId: first.keyPairId, privateKey: async () => first.privateKeyPem });
    const grant = await signedBefore.grant({ outputs, now: new Date(), ttlSeconds: 60 });
    await first.stop();
    const again = await startPlaybackOrigin({ s3: client, bucket: 'media', unsignedPathPatterns: [], cors, keyFile, port: first.port });
    try {
      expect(again.keyPairId).toBe(first.keyPairId);
      expect((await fetch(`${again.url}/${keys.segment}?${grant.cloudFront?.query ?? ''}`)).status).toBe(200);
      expect(statSync(keyFile).mode & 0o077).toBe(0);
    } finally {
      await again.stop();
    }
    // Without a key file each start has a key of its own, which the earlier grant does not match.
    const fresh = await startPlaybackOrigin({ s3: client, bucket: 'media', unsignedPathPatterns: [], cors, port: first.port });
    try {
      expect((await fetch(`${fresh.url}/${keys.segment}?${grant.cloudFront?.query ?? ''}`)).status).toBe(403);
    } finally {
      await fresh.stop();
    }
  });
});
