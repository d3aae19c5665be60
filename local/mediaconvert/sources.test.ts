import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ffmpegEnv, ffmpegPath } from '../../adapters/media/ffmpeg';
import type { Packaging } from '../../domain/media/jobSettings';
import type { ClipCodec, ClipOptions } from './testClip';
import { transcodeTestClip } from './testTranscode';

/** Decodes every stream a manifest lists (all variants, all representations), from its own folder as a player would. */
const decodeAll = async (manifest: string): Promise<string> => {
  const { stderr } = await promisify(execFile)(ffmpegPath, ['-v', 'error', '-i', manifest.split('/').pop() ?? manifest, '-map', '0', '-f', 'null', '-'], { cwd: dirname(manifest), env: ffmpegEnv() });
  return stderr;
};

const streamInfs = (master: string) => master.split('\n').filter((line) => line.startsWith('#EXT-X-STREAM-INF:'));

/** The video AdaptationSets of an MPD, each with its number of Representations. */
const videoSets = (mpd: string) => [...mpd.matchAll(/<AdaptationSet[^>]*contentType="video"[^>]*>([\s\S]*?)<\/AdaptationSet>/g)].map((set) => (set[1] ?? '').match(/<Representation /g)?.length ?? 0);

const root = mkdtempSync(join(tmpdir(), 'sources-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const transcode = (name: string, clip: ClipOptions, packaging?: Packaging) => transcodeTestClip(root, name, clip, packaging);

const sources: readonly [string, ClipCodec, ClipOptions][] = [
  ['clip.mp4', 'h264', {}],
  ['clip.mov', 'hevc', {}],
  ['clip.mkv', 'av1', { seconds: 1, rate: 10 }],
  ['clip.webm', 'vp9', {}],
  ['clip.ts', 'h264', {}],
  ['clip.mts', 'h264', {}],
  ['clip.m2ts', 'hevc', {}],
];

describe('every common source through the local transcoder', () => {
  it.each(sources)('%s (%s): HLS with a full master and DASH with one switchable video set, both decoding fully', async (name, codec, clip) => {
    const { paths, codec: probedCodec } = await transcode(name, { width: 640, height: 360, codec, ...clip });
    expect(probedCodec).toBe(codec);

    const master = readFileSync(join(paths.hls, 'master.m3u8'), 'utf8');
    const variants = streamInfs(master);
    expect(variants).toHaveLength(2);
    for (const variant of variants) {
      expect(variant).toMatch(/BANDWIDTH=\d+,AVERAGE-BANDWIDTH=\d+,CODECS="avc1\.64[0-9a-f]{4},mp4a\.40\.2",RESOLUTION=\d+x\d+,FRAME-RATE=\d+\.\d{3}/);
    }
    expect(variants[0]).toContain('RESOLUTION=480x270');
    expect(variants[1]).toContain('RESOLUTION=640x360');
    expect(videoSets(readFileSync(join(paths.dash, 'manifest.mpd'), 'utf8'))).toEqual([2]);

    expect(await decodeAll(join(paths.hls, 'master.m3u8'))).toBe('');
    expect(await decodeAll(join(paths.dash, 'manifest.mpd'))).toBe('');
  }, 180_000);

  it('packages CMAF: one set of fMP4 segments that an HLS master (audio as its own rendition) and a DASH manifest both list', async () => {
    const { paths } = await transcode('cmaf.mp4', { width: 640, height: 360 }, 'cmaf');
    const master = readFileSync(join(paths.cmaf, 'master.m3u8'), 'utf8');
    expect(master).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio"');
    const variants = streamInfs(master);
    expect(variants).toHaveLength(2);
    for (const variant of variants) expect(variant).toMatch(/AVERAGE-BANDWIDTH=\d+,CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2",RESOLUTION=\d+x\d+,FRAME-RATE=25\.000,AUDIO="audio"/);
    const mpd = readFileSync(join(paths.cmaf, 'master.mpd'), 'utf8');
    expect(videoSets(mpd)).toEqual([2]);
    // The segments the HLS playlists name are the DASH representations' own files.
    expect(readFileSync(join(paths.cmaf, 'media_0.m3u8'), 'utf8')).toContain('chunk-0-00001.mp4');
    expect(mpd).toContain('media="chunk-$RepresentationID$-$Number%05d$.mp4"');

    expect(await decodeAll(join(paths.cmaf, 'master.m3u8'))).toBe('');
    expect(await decodeAll(join(paths.cmaf, 'master.mpd'))).toBe('');
  }, 180_000);

  it('gives a short 4K clip its whole ladder, up to 2160p, in one switchable DASH set', async () => {
    const { paths, ladder } = await transcode('uhd.mp4', { width: 3840, height: 2160, seconds: 1, rate: 5 });
    expect(ladder).toEqual(['270p', '360p', '540p', '720p', '1080p', '1440p', '2160p']);
    const variants = streamInfs(readFileSync(join(paths.hls, 'master.m3u8'), 'utf8'));
    expect(variants.map((variant) => /RESOLUTION=(\d+x\d+)/.exec(variant)?.[1])).toEqual(['480x270', '640x360', '960x540', '1280x720', '1920x1080', '2560x1440', '3840x2160']);
    // Level 5.1 (0x33) or above: a 2160p picture does not fit the lower levels, and the CODECS say so.
    expect(variants.at(-1)).toMatch(/CODECS="avc1\.6400(3[3-9a-f]|[4-9a-f][0-9a-f])/);
    expect(videoSets(readFileSync(join(paths.dash, 'manifest.mpd'), 'utf8'))).toEqual([7]);
    expect(await decodeAll(join(paths.hls, 'master.m3u8'))).toBe('');
    expect(await decodeAll(join(paths.dash, 'manifest.mpd'))).toBe('');
  }, 300_000);

  it('keeps a phone recording held upright portrait on every rung (stored 1280x720, displayed 720x1280)', async () => {
    const { paths, ladder } = await transcode('phone.mov', { width: 1280, height: 720, seconds: 1, rotate: 90 });
    expect(ladder).toEqual(['270p', '360p', '540p', '720p']);
    const variants = streamInfs(readFileSync(join(paths.hls, 'master.m3u8'), 'utf8'));
    expect(variants.map((variant) => /RESOLUTION=(\d+x\d+)/.exec(variant)?.[1])).toEqual(['270x480', '360x640', '540x960', '720x1280']);
    const mpd = readFileSync(join(paths.dash, 'manifest.mpd'), 'utf8');
    expect(videoSets(mpd)).toEqual([4]);
    expect(mpd).toContain('width="720" height="1280"');
    expect(await decodeAll(join(paths.hls, 'master.m3u8'))).toBe('');
    expect(await decodeAll(join(paths.dash, 'manifest.mpd'))).toBe('');
  }, 300_000);
});
