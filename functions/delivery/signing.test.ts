import { generateKeyPairSync, verify } from 'node:crypto';
import { readPlaybackConfig } from './config';
import { cloudFrontSigner, commonPrefix } from './signing';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const other = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });

/** CloudFront's URL-safe base64: + becomes -, = becomes _, / becomes ~. */
const fromCloudFrontBase64 = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

const outputs = [
  { format: 'hls', key: 'outputs/show-1/transcode-1/hls/master.m3u8' },
  { format: 'dash', key: 'outputs/show-1/transcode-1/dash/manifest.mpd' },
];
const now = new Date('2026-11-23T08:00:00.000Z');
const expiresEpoch = Math.floor(now.getTime() / 1000) + 300;

describe('CloudFront playback signing', () => {
  const signer = cloudFrontSigner({ domain: 'd111111abcdef8.cloudfront.net', keyPairId: 'K2JCJMDEHXQW5F', privateKey: async () => privateKey });

  it('grants the whole transcode prefix until the expiry, in a policy signed with the private key', async () => {
    const grant = await signer.grant({ outputs, now, ttlSeconds: 300 });
    const cookies = grant.cloudFront?.cookies;
    if (cookies === undefined) throw new Error('no cookies');
    const policy = fromCloudFrontBase64(cookies['CloudFront-Policy']);
    expect(JSON.parse(policy.toString('utf8'))).toEqual({
      Statement: [{ Resource: 'https://d111111abcdef8.cloudfront.net/outputs/show-1/transcode-1/*', Condition: { DateLessThan: { 'AWS:EpochTime': expiresEpoch } } }],
    });
    expect(cookies['CloudFront-Key-Pair-Id']).toBe('K2JCJMDEHXQW5F');
    const signature = fromCloudFrontBase64(cookies['CloudFront-Signature']);
    expect(verify('sha1', policy, publicKey, signature)).toBe(true);
    expect(verify('sha1', policy, other.publicKey, signature)).toBe(false);
    expect(verify('sha1', Buffer.from(policy.toString('utf8').replace(String(expiresEpoch), String(expiresEpoch + 3600))), publicKey, signature)).toBe(false);
  });

  it('signs each source URL with the same wildcard policy, and gives that grant as a query a player can append', async () => {
    const grant = await signer.grant({ outputs, now, ttlSeconds: 300 });
    expect(grant.sources.map((s) => s.format)).toEqual(['hls', 'dash']);
    for (const [i, source] of grant.sources.entries()) {
      const url = new URL(source.url);
      expect(`${url.origin}${url.pathname}`).toBe(`https://d111111abcdef8.cloudfront.net/${outputs[i]?.key ?? ''}`);
      expect(url.searchParams.get('Key-Pair-Id')).toBe('K2JCJMDEHXQW5F');
      expect(url.searchParams.get('Policy')).toBe(grant.cloudFront?.cookies['CloudFront-Policy']);
      expect(url.searchParams.get('Signature')).toBe(grant.cloudFront?.cookies['CloudFront-Signature']);
      expect(url.search.slice(1)).toBe(grant.cloudFront?.query);
    }
  });

  it('covers only the folder the outputs share', () => {
    expect(commonPrefix(outputs.map((o) => o.key))).toBe('outputs/show-1/transcode-1/');
    expect(commonPrefix(['a/b/x.m3u8', 'a/c/y.mpd'])).toBe('a/');
    expect(commonPrefix(['x.m3u8'])).toBe('');
    expect(commonPrefix([])).toBe('');
  });
});

describe('playback configuration', () => {
  const cdn = { PLAYBACK_BUCKET: 'showrunner-prod-media', PLAYBACK_CDN_DOMAIN: 'd111111abcdef8.cloudfront.net', PLAYBACK_KEY_PAIR_ID: 'K2JCJMDEHXQW5F' };

  it('signs with CloudFront and the private key read from the named SSM parameter', async () => {
    const asked: string[] = [];
    const config = readPlaybackConfig({ ...cdn, PLAYBACK_SIGNING_KEY_PARAMETER: '/showrunner/prod/playback/private-key' }, async (name) => {
      asked.push(name);
      return privateKey;
    });
    const grant = await config.signer.grant({ outputs, now, ttlSeconds: 60 });
    expect(asked).toEqual(['/showrunner/prod/playback/private-key']);
    expect(grant.cloudFront?.resource).toBe('https://d111111abcdef8.cloudfront.net/outputs/show-1/transcode-1/*');
  });

  it('presigns S3 GETs where no distribution is configured (an empty domain counts as none)', async () => {
    const config = readPlaybackConfig({ PLAYBACK_BUCKET: 'showrunner-dev-media', PLAYBACK_CDN_DOMAIN: '', AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' });
    const grant = await config.signer.grant({ outputs, now, ttlSeconds: 120 });
    expect(grant.cloudFront).toBeUndefined();
    expect(new URL(grant.sources[0]?.url ?? '').searchParams.get('X-Amz-Expires')).toBe('120');
  });

  it('refuses a distribution without its key pair id or its private key parameter, naming what is missing', () => {
    expect(() => readPlaybackConfig({ ...cdn, PLAYBACK_KEY_PAIR_ID: '' })).toThrow(/PLAYBACK_KEY_PAIR_ID/);
    expect(() => readPlaybackConfig(cdn)).toThrow(/PLAYBACK_SIGNING_KEY_PARAMETER/);
  });

  it('names the parameter, never a value, when the key cannot be read', async () => {
    const config = readPlaybackConfig({ ...cdn, PLAYBACK_SIGNING_KEY_PARAMETER: '/p/key' }, async () => {
      throw new Error('AccessDeniedException');
    });
    await expect(config.signer.grant({ outputs, now, ttlSeconds: 60 })).rejects.toThrow(/\/p\/key could not be read/);
  });
});
