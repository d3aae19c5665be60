import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ffmpegEnv, ffmpegPath } from '../../adapters/media/ffmpeg';
import { buildMediaConvertJob } from '../../domain/media/jobSettings';
import { planJob, UnsupportedJobSettingsError } from './plan';
import { transcodeTestClip } from './testTranscode';

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
});
