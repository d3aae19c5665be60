import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createStoreFixture, type StoreFixture } from '../../adapters/eventstore/testing/storeFixture';
import { ffmpegPath, run } from '../../adapters/media/ffmpeg';
import { draftOnly, publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import { outputPrefix } from '../../domain/media/jobSettings';
import { makeTestClip } from '../../local/mediaconvert/testClip';
import { startS3Local } from '../../local/s3/s3Local';
import { documentedAnswers } from '../../test/documentedAnswers';
import { callHttp as request } from '../http/testing/request';
import { captionsApi } from './api';
import { packageCaptions } from './packaging';

const dataDir = mkdtempSync(join(tmpdir(), 'captions-'));
let s3: Awaited<ReturnType<typeof startS3Local>>;
let client: S3Client;
let fixture: StoreFixture;
let api: ReturnType<typeof captionsApi>;

const check = documentedAnswers();
const conforms = (routeKey: string, answer: { status: number; body: unknown }) => {
  const problem = check({ routeKey, status: answer.status, contentType: 'application/json', body: Buffer.from(JSON.stringify(answer.body)) });
  if (problem !== undefined) throw new Error(problem);
};

const owner = { sub: 'user-1', groups: '[creator]' };
const stranger = { sub: 'creator-2', groups: '[creator]' };
const putRoute = 'PUT /shows/{showId}/captions/{language}';
const english = 'WEBVTT\n\n00:00:00.200 --> 00:00:01.000\nThe night train leaves at ten.\n\n00:00:01.000 --> 00:00:01.800\nAll aboard.\n';
const frenchSrt = '1\r\n00:00:00,200 --> 00:00:01,000\r\nLe train de nuit part à dix heures.\r\n\r\n2\r\n00:00:01,000 --> 00:00:01,800\r\nEn voiture.\r\n';

const put = (showId: string, language: string, body: unknown, user = owner) => request(api.putCaptions, { user, path: { showId, language }, body });
const versionOf = async (showId: string) => (await fixture.store.readStream(`show#${showId}`)).events.length;
const text = async (Key: string) => (await (await client.send(new GetObjectCommand({ Bucket: 'media', Key }))).Body?.transformToString()) ?? '';
/** The last event of a show's stream as the outbox publisher puts it on the bus: the stored envelope is the detail. */
const onTheBus = async (showId: string) => ({ detail: JSON.parse(JSON.stringify((await fixture.store.readStream(`show#${showId}`)).events.at(-1))) as unknown });

beforeAll(async () => {
  s3 = await startS3Local({ dataDir: join(dataDir, 's3'), accountId: '000000000000', buckets: [{ name: 'media', eventBridge: false }], onEvent: () => undefined });
  client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  fixture = await createStoreFixture();
  api = captionsApi({ store: fixture.store, s3: client, mediaBucket: 'media' });
  await runShowCommands(fixture.store, publishCommands({ showId: 'published' }));
  await runShowCommands(fixture.store, draftOnly({ showId: 'drafted' }));
});
afterAll(async () => {
  client.destroy();
  await s3.stop();
  await fixture.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('PUT and DELETE /shows/{showId}/captions/{language}', () => {
  it('stores WebVTT as sent and SRT converted, records one track per language, and labels it in its own language', async () => {
    const en = await put('drafted', 'en', { text: english, label: 'English' });
    expect(en).toMatchObject({ status: 200, body: { showId: 'drafted', language: 'en', label: 'English', sourceFormat: 'webvtt', cueCount: 2 } });
    conforms(putRoute, en);
    const fr = await put('drafted', 'fr-ca', { text: frenchSrt });
    expect(fr.body).toMatchObject({ language: 'fr-CA', label: 'Français (Canada)', sourceFormat: 'srt', cueCount: 2 });
    expect(await text('shows/drafted/captions/fr-CA.vtt')).toBe('WEBVTT\n\n1\n00:00:00.200 --> 00:00:01.000\nLe train de nuit part à dix heures.\n\n2\n00:00:01.000 --> 00:00:01.800\nEn voiture.\n');
    const events = (await fixture.store.readStream('show#drafted')).events.map((e) => e.type);
    expect(events.slice(-2)).toEqual(['CaptionsAdded', 'CaptionsAdded']);
  });

  it('refuses a file that is not valid with a 400 saying what is wrong, and stores and records nothing', async () => {
    const before = await versionOf('drafted');
    const backwards = await put('drafted', 'de', { text: 'WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nRückwärts\n' });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ message: expect.stringContaining('line 3: the cue ends (00:00:01.000) before it starts (00:00:05.000)') });
    conforms(putRoute, backwards);
    expect((await put('drafted', 'de', { text: 'just some words' })).body).toMatchObject({ message: expect.stringContaining('neither WebVTT') });
    expect((await put('drafted', 'de', { text: `WEBVTT\n\n${'x'.repeat(1024 * 1024)}` })).body).toMatchObject({ message: expect.stringContaining('at most 1048576 bytes') });
    expect((await put('drafted', 'not a tag', { text: english })).status).toBe(400);
    expect(await versionOf('drafted')).toBe(before);
    expect((await client.send(new ListObjectsV2Command({ Bucket: 'media', Prefix: 'shows/drafted/captions/de' }))).KeyCount).toBe(0);
  });

  it('lets only the creator or an admin change captions: 404 for a show a stranger cannot see, 403 for one they can', async () => {
    expect((await put('drafted', 'en', { text: english }, stranger)).status).toBe(404);
    const published = await put('published', 'en', { text: english }, stranger);
    expect(published.status).toBe(403);
    conforms(putRoute, published);
    expect((await put('published', 'en', { text: english }, { sub: 'admin-1', groups: '[admin]' })).status).toBe(200);
    expect((await put('nowhere', 'en', { text: english })).status).toBe(404);
  });

  it('removes one language idempotently: a second DELETE answers 200 and records nothing', async () => {
    const removed = await request(api.deleteCaptions, { user: owner, path: { showId: 'drafted', language: 'fr-CA' } });
    expect(removed).toMatchObject({ status: 200, body: { showId: 'drafted', language: 'fr-CA' } });
    conforms('DELETE /shows/{showId}/captions/{language}', removed);
    const again = await request(api.deleteCaptions, { user: owner, path: { showId: 'drafted', language: 'fr-CA' } });
    expect(again).toMatchObject({ status: 200, body: { version: removed.body?.version } });
    expect((await client.send(new ListObjectsV2Command({ Bucket: 'media', Prefix: 'shows/drafted/captions/' }))).Contents?.map((o) => o.Key)).toEqual(['shows/drafted/captions/en.vtt']);
  });
});

describe('packaging captions into a transcode\'s manifests', () => {
  const work = join(dataDir, 'media');
  const prefix = outputPrefix('published', 'transcode-1');

  /** A real transcode's HLS (a TS rendition and our master) and DASH, by ffmpeg, uploaded where a job writes them. */
  const uploadTranscode = async () => {
    mkdirSync(join(work, 'hls'), { recursive: true });
    mkdirSync(join(work, 'dash'), { recursive: true });
    await makeTestClip(join(work, 'clip.mp4'), { seconds: 2 });
    await run(ffmpegPath, ['-v', 'error', '-i', join(work, 'clip.mp4'), '-c', 'copy', '-f', 'hls', '-hls_time', '5', '-hls_playlist_type', 'vod', '-hls_segment_filename', join(work, 'hls/master_240p_%05d.ts'), join(work, 'hls/master_240p.m3u8')]);
    await run(ffmpegPath, ['-v', 'error', '-i', join(work, 'clip.mp4'), '-map', '0:v', '-map', '0:a', '-c', 'copy', '-f', 'dash', '-seg_duration', '30', join(work, 'dash/manifest.mpd')]);
    writeFileSync(join(work, 'hls/master.m3u8'), '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=320x240\nmaster_240p.m3u8\n');
    const files = ['hls/master.m3u8', 'hls/master_240p.m3u8', 'hls/master_240p_00000.ts', 'dash/manifest.mpd'];
    for (const file of files) await client.send(new PutObjectCommand({ Bucket: 'media', Key: `${prefix}/${file}`, Body: readFileSync(join(work, file)) }));
  };

  /** Everything under the transcode's prefix, downloaded as a player would find it. */
  const download = async (into: string) => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'media', Prefix: `${prefix}/` }));
    for (const { Key } of listed.Contents ?? []) {
      if (Key === undefined) continue;
      const path = join(into, relative(prefix, Key));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, Buffer.from((await (await client.send(new GetObjectCommand({ Bucket: 'media', Key }))).Body?.transformToByteArray()) ?? []));
    }
    return (listed.Contents ?? []).map((o) => relative(prefix, o.Key ?? '')).sort();
  };

  /** What ffmpeg decodes of a subtitle source (a subtitles playlist or a .vtt), as WebVTT. */
  const decodedSubtitles = async (path: string) =>
    // The HLS demuxer reads a .vtt segment only when told to (allowed_extensions); a .vtt file is read as itself.
    (await run(ffmpegPath, ['-v', 'error', ...(path.endsWith('.m3u8') ? ['-allowed_extensions', 'ALL'] : []), '-i', path, '-map', '0:s', '-c:s', 'webvtt', '-f', 'webvtt', '-'])).stdout;

  it('puts two languages in the HLS master and the DASH manifest, and each decodes', async () => {
    await uploadTranscode();
    expect((await put('published', 'en', { text: english, label: 'English' })).status).toBe(200);
    expect((await put('published', 'fr-CA', { text: frenchSrt })).status).toBe(200);
    expect(await packageCaptions({ store: fixture.store, s3: client, mediaBucket: 'media' })(await onTheBus('published'))).toEqual({ packagedTranscodes: 1 });

    const player = join(dataDir, 'player');
    expect(await download(player)).toEqual(expect.arrayContaining(['captions/en.m3u8', 'captions/en.vtt', 'captions/fr-CA.m3u8', 'captions/fr-CA.vtt']));
    const master = readFileSync(join(player, 'hls/master.m3u8'), 'utf8');
    const renditions = [...master.matchAll(/^#EXT-X-MEDIA:TYPE=SUBTITLES,.*LANGUAGE="([^"]+)".*URI="([^"]+)"$/gm)].map(([, language = '', uri = '']) => ({ language, uri }));
    expect(renditions.map((r) => r.language)).toEqual(['en', 'fr-CA']);
    expect(master).toContain('#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=320x240,SUBTITLES="subs"');
    for (const { uri } of renditions) expect(await decodedSubtitles(join(player, 'hls', uri))).toMatch(/00:0?0?:?01\.000 --> 00:0?0?:?01\.800\n(All aboard\.|En voiture\.)/);
    // The rewritten master still plays: its video and audio decode.
    await run(ffmpegPath, ['-v', 'error', '-allowed_extensions', 'ALL', '-i', join(player, 'hls/master.m3u8'), '-f', 'null', '-']);

    const mpd = readFileSync(join(player, 'dash/manifest.mpd'), 'utf8');
    const textSets = [...mpd.matchAll(/<AdaptationSet [^>]*contentType="text" mimeType="text\/vtt" lang="([^"]+)">[\s\S]*?<BaseURL>([^<]+)<\/BaseURL>/g)].map(([, language = '', url = '']) => ({ language, url }));
    expect(textSets.map((s) => s.language)).toEqual(['en', 'fr-CA']);
    for (const { url } of textSets) expect(await decodedSubtitles(join(player, 'dash', url))).toContain('01.000 --> ');
  });

  it('drops a removed language from both manifests and its files from the transcode', async () => {
    await request(api.deleteCaptions, { user: owner, path: { showId: 'published', language: 'en' } });
    await packageCaptions({ store: fixture.store, s3: client, mediaBucket: 'media' })(await onTheBus('published'));
    expect(await text(`${prefix}/hls/master.m3u8`)).not.toContain('LANGUAGE="en"');
    expect((await text(`${prefix}/dash/manifest.mpd`)).match(/contentType="text"/g)).toHaveLength(1);
    const left = await client.send(new ListObjectsV2Command({ Bucket: 'media', Prefix: `${prefix}/captions/` }));
    expect(left.Contents?.map((o) => o.Key).sort()).toEqual([`${prefix}/captions/fr-CA.m3u8`, `${prefix}/captions/fr-CA.vtt`]);
  });

  it('packages captions added after a CMAF transcode into its cmaf/ manifests, and writes no hls/ or dash/ ones', async () => {
    await runShowCommands(fixture.store, publishCommands({ showId: 'cmaf-show' }));
    const cmafPrefix = outputPrefix('cmaf-show', 'transcode-1');
    const cmafMaster = '#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="audio",URI="media_2.m3u8"\n#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=320x240,AUDIO="audio"\nmedia_0.m3u8\n';
    const cmafMpd = '<?xml version="1.0" encoding="utf-8"?>\n<MPD>\n\t<Period id="0" start="PT0.0S">\n\t\t<AdaptationSet id="0" contentType="video">\n\t\t</AdaptationSet>\n\t</Period>\n</MPD>\n';
    await client.send(new PutObjectCommand({ Bucket: 'media', Key: `${cmafPrefix}/cmaf/master.m3u8`, Body: cmafMaster }));
    await client.send(new PutObjectCommand({ Bucket: 'media', Key: `${cmafPrefix}/cmaf/master.mpd`, Body: cmafMpd }));
    expect((await put('cmaf-show', 'en', { text: english, label: 'English' })).status).toBe(200);
    expect(await packageCaptions({ store: fixture.store, s3: client, mediaBucket: 'media' })(await onTheBus('cmaf-show'))).toEqual({ packagedTranscodes: 1 });

    const master = await text(`${cmafPrefix}/cmaf/master.m3u8`);
    expect(master).toContain('#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="../captions/en.m3u8"');
    expect(master).toContain('#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=320x240,AUDIO="audio",SUBTITLES="subs"');
    expect(await text(`${cmafPrefix}/cmaf/master.mpd`)).toContain('<BaseURL>../captions/en.vtt</BaseURL>');
    const keys = ((await client.send(new ListObjectsV2Command({ Bucket: 'media', Prefix: `${cmafPrefix}/` }))).Contents ?? []).map((o) => o.Key);
    expect(keys.sort()).toEqual([`${cmafPrefix}/captions/en.m3u8`, `${cmafPrefix}/captions/en.vtt`, `${cmafPrefix}/cmaf/master.m3u8`, `${cmafPrefix}/cmaf/master.mpd`]);
  });
});
