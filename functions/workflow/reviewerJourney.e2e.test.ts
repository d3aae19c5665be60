import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { localCredentials } from '../../local/cloud';
import { makeTestClip } from '../../local/mediaconvert/testClip';
import { startE2eStack, type E2eStack } from '../../test/e2eStack';

interface Preview {
  expiresAt: string;
  sources: { format: string; url: string }[];
  cloudFront: { resource: string; query: string };
}
interface Review {
  showId: string;
  transcodeId: string;
  status: string;
  recommendation?: { decision: string; by: string };
  preview?: Preview;
}

/**
 * The reviewer's journey on `npm start`'s stack (the machine reviewer only recommends, SHOWRUNNER_MACHINE_REVIEW_APPROVALS
 * =recommend): a creator uploads, the workflow transcodes for real and asks for a review; the reviewer finds it in
 * GET /reviews with the machine's recommendation and a preview grant, plays every object of the renditions under
 * review through it (HLS and DASH) from the media distribution's local stand-in, and approves. Unsigned requests for
 * the media, to the distribution or to the bucket, are refused; people without the role, or judging their own
 * upload, are refused; the workflow timeline is the creator's, reviewers' and admins' only.
 */
describe("a reviewer's journey", () => {
  const savedEnv = { ...process.env };
  let stack: E2eStack;
  let s3: S3Client;
  const tokens: Record<'cara' | 'rita' | 'vic', string> = { cara: '', rita: '', vic: '' };

  beforeAll(async () => {
    process.env.SHOWRUNNER_MACHINE_REVIEW_APPROVALS = 'recommend';
    stack = await startE2eStack('reviewer');
    // Cara creates and also reviews (others' shows); Rita reviews; Vic only watches.
    tokens.cara = await stack.token('cara', ['creator', 'reviewer']);
    tokens.rita = await stack.token('rita', ['reviewer']);
    tokens.vic = await stack.token('vic', []);
    s3 = new S3Client({ endpoint: stack.cloud.endpoints.s3, region: stack.cloud.service.region, credentials: localCredentials, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
  }, 120_000);

  afterAll(async () => {
    process.env = savedEnv;
    (s3 as S3Client | undefined)?.destroy();
    await (stack as E2eStack | undefined)?.stop();
  }, 120_000);

  const api = async (who: keyof typeof tokens, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.cloud.endpoints.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  const keysUnder = async (prefix: string) =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: 'showrunner-dev-media', Prefix: prefix }))).Contents ?? []).flatMap((o) => (o.Key === undefined ? [] : [o.Key]));

  /** What an HLS player fetches: the master, each variant playlist, each init segment and media segment. */
  const hlsObjects = async (masterUrl: string, query: string): Promise<string[]> => {
    const signed = (url: URL) => `${url.origin}${url.pathname}?${query}`;
    const uris = (text: string, base: URL) => [
      ...text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')),
      ...[...text.matchAll(/#EXT-X-MAP:URI="([^"]+)"/g)].map((m) => m[1] ?? ''),
    ].map((uri) => new URL(uri.trim(), base));
    const master = new URL(masterUrl);
    const fetched: string[] = [master.pathname];
    const masterText = await (await fetch(masterUrl)).text();
    for (const variant of uris(masterText, master)) {
      const playlist = await fetch(signed(variant));
      expect({ url: variant.pathname, status: playlist.status }).toEqual({ url: variant.pathname, status: 200 });
      fetched.push(variant.pathname);
      for (const segment of uris(await playlist.text(), variant)) {
        const response = await fetch(signed(segment));
        expect({ url: segment.pathname, status: response.status }).toEqual({ url: segment.pathname, status: 200 });
        expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
        fetched.push(segment.pathname);
      }
    }
    return fetched;
  };

  it('finds the pending review with a preview grant, plays every object under review through it, and approves', async () => {
    const clip = join(stack.dataDir, 'journey.mp4');
    await makeTestClip(clip, { seconds: 4, width: 320, height: 240 });
    const bytes = readFileSync(clip);
    const created = await api('cara', 'POST', '/uploads', { title: 'Night Trains', description: 'Sleeper routes', genre: 'documentary', language: 'en', fileName: 'trains.mp4', contentType: 'video/mp4', sizeBytes: bytes.length });
    expect(created.status).toBe(201);
    const showId = String(created.body.showId);
    const target = created.body.upload as { url: string; headers: Record<string, string> };
    expect((await fetch(target.url, { method: 'PUT', headers: target.headers, body: bytes })).status).toBe(200);

    // The machine reviewer recommends; the review stays pending for a human.
    const review = await waitFor('the pending review with the machine recommendation', async () => {
      const page = await api('rita', 'GET', '/reviews?status=pending&limit=100');
      const found = (page.body.reviews as Review[]).find((r) => r.showId === showId);
      return found?.recommendation === undefined ? undefined : found;
    });
    expect(review).toMatchObject({ status: 'pending', recommendation: { decision: 'approve', by: 'machine-reviewer' } });
    const preview = review.preview;
    if (preview === undefined) throw new Error('a pending review without a preview grant');
    const playback = stack.cloud.endpoints.playback ?? '';
    const prefix = `shows/${showId}/${review.transcodeId}/`;
    expect(preview.cloudFront.resource).toBe(`${playback}/${prefix}*`);
    expect(Date.parse(preview.expiresAt)).toBeGreaterThan(Date.now());

    // HLS as a player walks it, by relative URL with the grant's query on each request.
    const hls = preview.sources.find((s) => s.format === 'hls')?.url ?? '';
    const walked = await hlsObjects(hls, preview.cloudFront.query);
    expect(walked.filter((p) => p.endsWith('.ts') || p.endsWith('.m4s') || p.endsWith('.mp4')).length).toBeGreaterThan(0);
    // DASH: the manifest, then every object the packager wrote beside it (init and media segments).
    const mpd = await fetch(preview.sources.find((s) => s.format === 'dash')?.url ?? '');
    expect(mpd.status).toBe(200);
    expect(await mpd.text()).toMatch(/<MPD/);
    const everything = await keysUnder(prefix);
    expect(everything.filter((k) => k.includes('/dash/')).length).toBeGreaterThan(1);
    for (const key of everything) {
      const response = await fetch(`${playback}/${key}?${preview.cloudFront.query}`);
      expect({ key, status: response.status }).toEqual({ key, status: 200 });
    }

    // Without the grant: the distribution and the bucket refuse the media, and the bucket its listing.
    const segment = everything.find((k) => k.includes('/hls/') && !k.endsWith('.m3u8')) ?? '';
    expect((await fetch(`${playback}/${segment}`)).status).toBe(403);
    expect((await fetch(`${stack.cloud.endpoints.s3}/showrunner-dev-media/${segment}`)).status).toBe(403);
    expect((await fetch(`${stack.cloud.endpoints.s3}/showrunner-dev-media?list-type=2&prefix=shows/`)).status).toBe(403);

    // Without the role, or on one's own upload, the review routes refuse.
    expect((await api('vic', 'GET', '/reviews')).status).toBe(403);
    expect((await api('vic', 'POST', `/reviews/${showId}/claim`)).status).toBe(403);
    expect((await api('vic', 'POST', `/reviews/${showId}/decision`, { decision: 'approve' })).status).toBe(403);
    expect(await api('cara', 'POST', `/reviews/${showId}/claim`)).toMatchObject({ status: 403, body: { error: 'OWN_UPLOAD' } });
    expect(await api('cara', 'POST', `/reviews/${showId}/decision`, { decision: 'approve' })).toMatchObject({ status: 403, body: { error: 'OWN_UPLOAD' } });

    // The timeline is the creator's and the reviewers'; to anyone else the show is not there.
    expect((await api('cara', 'GET', `/shows/${showId}/workflow`)).status).toBe(200);
    expect((await api('rita', 'GET', `/shows/${showId}/workflow`)).status).toBe(200);
    expect((await api('vic', 'GET', `/shows/${showId}/workflow`)).status).toBe(404);

    expect((await api('rita', 'POST', `/reviews/${showId}/claim`)).status).toBe(200);
    expect(await api('rita', 'POST', `/reviews/${showId}/decision`, { decision: 'approve', reason: 'confirmed the machine' })).toMatchObject({ status: 200, body: { decision: 'approve' } });
    await waitFor('the show to be published', async () => ((await api('cara', 'GET', `/shows/${showId}/workflow`)).body.currentStage === 'publish' ? true : undefined), 90_000);

    // Thumbnails load from the distribution with no grant, with the CORS headers of its response headers policy.
    const [thumbnail] = await keysUnder(`${prefix}thumbnails/`);
    const open = await fetch(`${playback}/${thumbnail ?? ''}`, { headers: { origin: 'https://app.example' } });
    expect(open.status).toBe(200);
    expect(open.headers.get('access-control-allow-origin')).toBe('*');
  }, 420_000);
});
