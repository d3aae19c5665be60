import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ffmpegEnv, ffmpegPath } from '../../adapters/media/ffmpeg';
import { buildMediaConvertJob } from '../../domain/media/jobSettings';
import { startS3Local } from '../s3/s3Local';
import { planJob, UnsupportedJobSettingsError } from './plan';
import { makeTestClip } from './testClip';
import { transcodeTestClip } from './testTranscode';
import { createLocalMediaConvertService } from './transcoder';

/**
 * A job whose settings carry captions (domain/media/captionSettings.ts), through the local transcoder: each language
 * a SUBTITLES rendition of the HLS master and a text set of the DASH manifest, for separate and CMAF packaging, and
 * everything a player would fetch decodes.
 */
const root = mkdtempSync(join(tmpdir(), 'captions-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cue = (text: string) => `WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n${text}\n`;
const captions = [
  { language: 'en', label: 'English', webvtt: cue('Good evening.') },
  { language: 'fr-CA', label: 'Français (Canada)', webvtt: cue('Bonsoir.') },
];

/** Decodes every stream a manifest lists, from its own folder as a player would; text streams are decoded and written again as WebVTT. */
const decodeAll = async (manifest: string): Promise<string> => {
  // ffmpeg's HLS and DASH readers take only media file extensions unless told: subtitles are .vtt files.
  const { stderr } = await promisify(execFile)(ffmpegPath, ['-v', 'error', '-allowed_extensions', 'ALL', '-i', manifest.split('/').pop() ?? manifest, '-map', '0', '-c:s', 'webvtt', '-f', 'null', '-'], { cwd: dirname(manifest), env: ffmpegEnv() });
  return stderr;
};
const subtitleMedia = (master: string) => master.split('\n').filter((line) => line.startsWith('#EXT-X-MEDIA:TYPE=SUBTITLES'));
const textSets = (mpd: string) => [...mpd.matchAll(/<AdaptationSet[^>]*contentType="text"[^>]*lang="([^"]+)"[^>]*>[\s\S]*?<BaseURL>([^<]+)<\/BaseURL>/g)].map((m) => [m[1], m[2]]);

describe('captions in the job settings, on the local transcoder', () => {
  it('lists two languages in the HLS master and the DASH manifest, and every part decodes', async () => {
    const { paths } = await transcodeTestClip(root, 'captioned.mp4', { width: 640, height: 360, seconds: 2 }, 'separate', captions);
    const master = readFileSync(join(paths.hls, 'master.m3u8'), 'utf8');
    expect(subtitleMedia(master)).toEqual([
      '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="../captions/en.m3u8"',
      '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Français (Canada)",LANGUAGE="fr-CA",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="../captions/fr-CA.m3u8"',
    ]);
    expect(master.split('\n').filter((line) => line.startsWith('#EXT-X-STREAM-INF:')).every((line) => line.endsWith(',SUBTITLES="subs"'))).toBe(true);
    expect(textSets(readFileSync(join(paths.dash, 'manifest.mpd'), 'utf8'))).toEqual([
      ['en', '../captions/en.vtt'],
      ['fr-CA', '../captions/fr-CA.vtt'],
    ]);
    expect(readFileSync(join(paths.captions, 'fr-CA.m3u8'), 'utf8')).toContain('\nfr-CA.vtt\n');

    expect(await decodeAll(join(paths.hls, 'master.m3u8'))).toBe('');
    expect(await decodeAll(join(paths.dash, 'manifest.mpd'))).toBe('');
    for (const language of ['en', 'fr-CA']) expect(await decodeAll(join(paths.captions, `${language}.m3u8`))).toBe('');
  }, 180_000);

  it('lists them in both manifests of a CMAF job too', async () => {
    const { paths } = await transcodeTestClip(root, 'captioned-cmaf.mp4', { width: 640, height: 360, seconds: 2 }, 'cmaf', captions);
    expect(subtitleMedia(readFileSync(join(paths.cmaf, 'master.m3u8'), 'utf8')).map((line) => /LANGUAGE="([^"]+)"/.exec(line)?.[1])).toEqual(['en', 'fr-CA']);
    expect(textSets(readFileSync(join(paths.cmaf, 'master.mpd'), 'utf8')).map(([language]) => language)).toEqual(['en', 'fr-CA']);
    expect(await decodeAll(join(paths.cmaf, 'master.m3u8'))).toBe('');
    expect(await decodeAll(join(paths.cmaf, 'master.mpd'))).toBe('');
  }, 180_000);

  it('refuses a caption output naming a selector the input lacks, saying which', () => {
    const job = buildMediaConvertJob({
      showId: 's', transcodeId: 't', ladder: [{ name: '360p', shortSidePx: 360, videoBitrateKbps: 800 }],
      probe: { video: [{ index: 0, codec: 'h264', width: 640, height: 360, rotation: 0, frameRate: 25 }], audio: [], durationMs: 2000 },
      source: { bucket: 'src', key: 'a.mp4' }, destinationBucket: 'media', roleArn: 'arn:role',
      captions: [{ language: 'en', label: 'English', sourceFile: 's3://media/shows/s/captions/en.vtt' }],
    });
    const withoutSelectors = { ...job, Settings: { ...job.Settings, Inputs: [{ ...job.Settings.Inputs[0], CaptionSelectors: {} }] } };
    expect(() => planJob(withoutSelectors)).toThrow(UnsupportedJobSettingsError);
    expect(() => planJob(withoutSelectors)).toThrow('output _captions_en names caption selector "Captions en", which the input does not have');
    expect(planJob(job).captions).toEqual([{ language: 'en', label: 'English', source: { bucket: 'media', key: 'shows/s/captions/en.vtt' } }]);
  });

  it('reads the WebVTT files from S3 as the caption selectors say, and writes them beside the renditions', async () => {
    const s3 = await startS3Local({ dataDir: join(root, 's3'), accountId: '000000000000', buckets: [{ name: 'src', eventBridge: false }, { name: 'media', eventBridge: false }], onEvent: () => undefined });
    const client = new S3Client({ endpoint: s3.endpoint, region: 'eu-west-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const service = createLocalMediaConvertService({ s3Endpoint: s3.endpoint, region: 'eu-west-1' });
    try {
      await makeTestClip(join(root, 'upload.mp4'), { width: 640, height: 360, seconds: 2 });
      await client.send(new PutObjectCommand({ Bucket: 'src', Key: 'uploads/s/u/source.mp4', Body: readFileSync(join(root, 'upload.mp4')) }));
      for (const track of captions) await client.send(new PutObjectCommand({ Bucket: 'media', Key: `shows/s/captions/${track.language}.vtt`, Body: track.webvtt }));
      const job = buildMediaConvertJob({
        showId: 's', transcodeId: 't', ladder: [{ name: '360p', shortSidePx: 360, videoBitrateKbps: 800 }],
        probe: { video: [{ index: 0, codec: 'h264', width: 640, height: 360, rotation: 0, frameRate: 25 }], audio: [{ index: 1, codec: 'aac', channels: 2, sampleRateHz: 48000 }], durationMs: 2000 },
        source: { bucket: 'src', key: 'uploads/s/u/source.mp4' }, destinationBucket: 'media', roleArn: 'arn:role',
        captions: captions.map(({ language, label }) => ({ language, label, sourceFile: `s3://media/shows/s/captions/${language}.vtt` })),
      });
      expect(await service.createJob(job)).toMatchObject({ Job: { Status: 'COMPLETE' } });

      const keys = ((await client.send(new ListObjectsV2Command({ Bucket: 'media', Prefix: 'shows/s/t/captions/' }))).Contents ?? []).map((o) => o.Key);
      expect(keys.sort()).toEqual(['shows/s/t/captions/en.m3u8', 'shows/s/t/captions/en.vtt', 'shows/s/t/captions/fr-CA.m3u8', 'shows/s/t/captions/fr-CA.vtt']);
      const text = async (Key: string) => (await (await client.send(new GetObjectCommand({ Bucket: 'media', Key }))).Body?.transformToString()) ?? '';
      expect(await text('shows/s/t/captions/fr-CA.vtt')).toBe(cue('Bonsoir.'));
      expect(subtitleMedia(await text('shows/s/t/hls/master.m3u8'))).toHaveLength(2);
      expect(textSets(await text('shows/s/t/dash/manifest.mpd'))).toHaveLength(2);
    } finally {
      service.stop();
      client.destroy();
      await s3.stop();
    }
  }, 180_000);

  it('fails the job, saying which file, when a caption selector names a file S3 does not have', async () => {
    const s3 = await startS3Local({ dataDir: join(root, 's3-missing'), accountId: '000000000000', buckets: [{ name: 'src', eventBridge: false }, { name: 'media', eventBridge: false }], onEvent: () => undefined });
    const client = new S3Client({ endpoint: s3.endpoint, region: 'eu-west-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const service = createLocalMediaConvertService({ s3Endpoint: s3.endpoint, region: 'eu-west-1' });
    try {
      await makeTestClip(join(root, 'upload-2.mp4'), { width: 320, height: 180, seconds: 1 });
      await client.send(new PutObjectCommand({ Bucket: 'src', Key: 'uploads/s2/u/source.mp4', Body: readFileSync(join(root, 'upload-2.mp4')) }));
      const job = buildMediaConvertJob({
        showId: 's2', transcodeId: 't', ladder: [{ name: '180p', shortSidePx: 180, videoBitrateKbps: 300 }],
        probe: { video: [{ index: 0, codec: 'h264', width: 320, height: 180, rotation: 0, frameRate: 25 }], audio: [], durationMs: 1000 },
        source: { bucket: 'src', key: 'uploads/s2/u/source.mp4' }, destinationBucket: 'media', roleArn: 'arn:role',
        captions: [{ language: 'de', label: 'Deutsch', sourceFile: 's3://media/shows/s2/captions/de.vtt' }],
      });
      await expect(service.createJob(job)).rejects.toMatchObject({ name: 'JobFailed', errorCode: 1030, message: expect.stringContaining('s3://media/shows/s2/captions/de.vtt') });
    } finally {
      service.stop();
      client.destroy();
      await s3.stop();
    }
  }, 60_000);
});
