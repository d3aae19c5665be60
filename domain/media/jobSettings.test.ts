import { chooseLadder } from '../show/ladder';
import type { CaptionSource } from './captionSettings';
import { buildMediaConvertJob, frameFor, outputKeys, packagingOf, renditionsOf } from './jobSettings';

const video = (width: number, height: number, rotation: 0 | 90 | 180 | 270 = 0) => ({ index: 0, codec: 'h264', width, height, rotation, frameRate: 25 });
const stereo = { index: 1, codec: 'aac', channels: 2, sampleRateHz: 48000 };

const jobFor = (probe: { video: ReturnType<typeof video>[]; audio: (typeof stereo)[]; durationMs: number }, packaging?: 'separate' | 'cmaf', captions?: readonly CaptionSource[]) =>
  buildMediaConvertJob({
    showId: 'show-1',
    transcodeId: 't-1',
    ladder: chooseLadder(probe),
    probe,
    source: { bucket: 'sources', key: 'uploads/show-1/u-1/clip.mov' },
    destinationBucket: 'media',
    roleArn: 'arn:aws:iam::123456789012:role/mediaconvert',
    ...(packaging === undefined ? {} : { packaging }),
    ...(captions === undefined ? {} : { captions }),
  });

describe('MediaConvert job settings from the ladder', () => {
  it('gives a 1080p landscape source HLS and DASH rungs up to 1080p with audio, and thumbnails', () => {
    const job = jobFor({ video: [video(1920, 1080)], audio: [stereo], durationMs: 12_000 });
    expect(job.Settings.Inputs[0].FileInput).toBe('s3://sources/uploads/show-1/u-1/clip.mov');
    expect(job.Settings.OutputGroups.map((group) => [group.Name, group.OutputGroupSettings.Type])).toEqual([
      ['HLS', 'HLS_GROUP_SETTINGS'],
      ['DASH', 'DASH_ISO_GROUP_SETTINGS'],
      ['Thumbnails', 'FILE_GROUP_SETTINGS'],
    ]);
    expect(renditionsOf(job).map((r) => `${r.name} ${r.width}x${r.height}`)).toEqual(['270p 480x270', '360p 640x360', '540p 960x540', '720p 1280x720', '1080p 1920x1080']);
    const hls = job.Settings.OutputGroups[0];
    expect(hls?.OutputGroupSettings).toEqual({ Type: 'HLS_GROUP_SETTINGS', HlsGroupSettings: { Destination: 's3://media/shows/show-1/t-1/hls/master', SegmentLength: 5, MinSegmentLength: 0, CodecSpecification: 'RFC_6381' } });
    expect(hls?.Name === 'HLS' && hls.Outputs.map((output) => ('AudioDescriptions' in output ? output.AudioDescriptions?.length : 0))).toEqual([1, 1, 1, 1, 1]);
    const thumbs = job.Settings.OutputGroups[2];
    expect(thumbs?.Name === 'Thumbnails' && thumbs.Outputs[0]?.VideoDescription.CodecSettings.FrameCaptureSettings.MaxCaptures).toBe(3);
  });

  it('keeps a rotated phone recording portrait and never upscales it', () => {
    const job = jobFor({ video: [video(1280, 720, 90)], audio: [stereo], durationMs: 3_000 });
    expect(renditionsOf(job).map((r) => `${r.width}x${r.height}`)).toEqual(['270x480', '360x640', '540x960', '720x1280']);
  });

  it('tops a 4K source out at a real 2160p rung', () => {
    expect(renditionsOf(jobFor({ video: [video(3840, 2160)], audio: [], durationMs: 3_000 })).at(-1)).toMatchObject({ name: '2160p', width: 3840, height: 2160 });
  });

  it('asks for no audio from a source without any, which MediaConvert would fail on', () => {
    const job = jobFor({ video: [video(640, 360)], audio: [], durationMs: 3_000 });
    expect(job.Settings.Inputs[0].AudioSelectors).toBeUndefined();
    expect(job.Settings.OutputGroups[0]?.Outputs[0]).not.toHaveProperty('AudioDescriptions');
  });

  it('keeps dimensions even, as 4:2:0 encoders need', () => {
    expect(frameFor(270, { width: 1000, height: 750 })).toEqual({ Width: 360, Height: 270 });
    expect(frameFor(101, { width: 333, height: 200 })).toEqual({ Width: 168, Height: 102 });
  });

  it('packages as CMAF when asked: one group, one video-only output per rung and the audio on its own, both manifests', () => {
    const job = jobFor({ video: [video(1280, 720)], audio: [stereo], durationMs: 3_000 }, 'cmaf');
    expect(job.Settings.OutputGroups.map((group) => group.Name)).toEqual(['CMAF', 'Thumbnails']);
    const cmaf = job.Settings.OutputGroups[0];
    expect(cmaf?.OutputGroupSettings).toMatchObject({
      Type: 'CMAF_GROUP_SETTINGS',
      CmafGroupSettings: { Destination: 's3://media/shows/show-1/t-1/cmaf/master', WriteHlsManifest: 'ENABLED', WriteDashManifest: 'ENABLED', SegmentControl: 'SEGMENTED_FILES' },
    });
    expect(cmaf?.Outputs.map((output) => [output.NameModifier, output.ContainerSettings.Container, 'AudioDescriptions' in output])).toEqual([
      ['_270p', 'CMFC', false],
      ['_360p', 'CMFC', false],
      ['_540p', 'CMFC', false],
      ['_720p', 'CMFC', false],
      ['_audio', 'CMFC', true],
    ]);
    expect(renditionsOf(job).map((r) => r.name)).toEqual(['270p', '360p', '540p', '720p']);
    expect(packagingOf(job)).toBe('cmaf');
    expect(outputKeys('show-1', 't-1', packagingOf(job))).toMatchObject({ hlsMaster: 'shows/show-1/t-1/cmaf/master.m3u8', dashManifest: 'shows/show-1/t-1/cmaf/master.mpd' });
  });

  it('keeps HLS and DASH apart by default, where they have always been', () => {
    const job = jobFor({ video: [video(640, 360)], audio: [], durationMs: 3_000 });
    expect(packagingOf(job)).toBe('separate');
    expect(outputKeys('show-1', 't-1')).toMatchObject({ hlsMaster: 'shows/show-1/t-1/hls/master.m3u8', dashManifest: 'shows/show-1/t-1/dash/manifest.mpd' });
    const cmafWithoutAudio = jobFor({ video: [video(640, 360)], audio: [], durationMs: 3_000 }, 'cmaf').Settings.OutputGroups[0];
    expect(cmafWithoutAudio?.Outputs.map((output) => output.NameModifier)).toEqual(['_270p', '_360p']);
  });

  describe('captions at transcode time', () => {
    const captions: CaptionSource[] = [
      { language: 'en', label: 'English', sourceFile: 's3://media/shows/show-1/captions/en.vtt' },
      { language: 'fr-CA', label: 'Français (Canada)', sourceFile: 's3://media/shows/show-1/captions/fr-CA.vtt' },
    ];
    const source = { video: [video(1280, 720)], audio: [stereo], durationMs: 3_000 };
    const captionOutputsOf = (job: ReturnType<typeof jobFor>, name: string) =>
      job.Settings.OutputGroups.find((group) => group.Name === name)?.Outputs.flatMap((output) => ('CaptionDescriptions' in output ? [output] : [])) ?? [];

    it('given two languages, reads each WebVTT file from S3 with a caption selector of its own, named after the language', () => {
      const job = jobFor(source, 'separate', captions);
      expect(job.Settings.Inputs[0].CaptionSelectors).toEqual({
        'Captions en': { SourceSettings: { SourceType: 'WEBVTT', FileSourceSettings: { SourceFile: 's3://media/shows/show-1/captions/en.vtt' } } },
        'Captions fr-CA': { SourceSettings: { SourceType: 'WEBVTT', FileSourceSettings: { SourceFile: 's3://media/shows/show-1/captions/fr-CA.vtt' } } },
      });
    });

    it('then HLS gets a WebVTT output per language and DASH ISO a raw TTML sidecar per language, beside (not in) the video outputs', () => {
      const job = jobFor(source, 'separate', captions);
      expect(captionOutputsOf(job, 'HLS')).toEqual([
        { NameModifier: '_captions_en', ContainerSettings: { Container: 'M3U8' }, CaptionDescriptions: [{ CaptionSelectorName: 'Captions en', DestinationSettings: { DestinationType: 'WEBVTT', WebvttDestinationSettings: { StylePassthrough: 'ENABLED' } }, LanguageCode: 'ENG', LanguageDescription: 'English' }] },
        { NameModifier: '_captions_fr-CA', ContainerSettings: { Container: 'M3U8' }, CaptionDescriptions: [{ CaptionSelectorName: 'Captions fr-CA', DestinationSettings: { DestinationType: 'WEBVTT', WebvttDestinationSettings: { StylePassthrough: 'ENABLED' } }, LanguageCode: 'FRA', LanguageDescription: 'Français (Canada)' }] },
      ]);
      expect(captionOutputsOf(job, 'DASH').map((output) => [output.ContainerSettings, output.CaptionDescriptions[0].DestinationSettings.DestinationType])).toEqual([
        [{ Container: 'MPD', MpdSettings: { CaptionContainerType: 'RAW' } }, 'TTML'],
        [{ Container: 'MPD', MpdSettings: { CaptionContainerType: 'RAW' } }, 'TTML'],
      ]);
      // The renditions are what they were: captions are no rendition.
      expect(renditionsOf(job)).toEqual(renditionsOf(jobFor(source, 'separate')));
    });

    it('then CMAF gets a WebVTT output per language, which both its HLS master and its DASH manifest list', () => {
      const job = jobFor(source, 'cmaf', captions);
      expect(captionOutputsOf(job, 'CMAF').map((output) => [output.NameModifier, output.ContainerSettings.Container, output.CaptionDescriptions[0].DestinationSettings.DestinationType])).toEqual([
        ['_captions_en', 'CMFC', 'WEBVTT'],
        ['_captions_fr-CA', 'CMFC', 'WEBVTT'],
      ]);
      expect(renditionsOf(job).map((r) => r.name)).toEqual(['270p', '360p', '540p', '720p']);
    });

    it('given a language without a three-letter code here, describes it by its label alone; given none, asks for no captions at all', () => {
      const [output] = captionOutputsOf(jobFor(source, 'separate', [{ language: 'haw', label: 'ʻŌlelo Hawaiʻi', sourceFile: 's3://media/c/haw.vtt' }]), 'HLS');
      expect(output?.CaptionDescriptions[0]).not.toHaveProperty('LanguageCode');
      expect(output?.CaptionDescriptions[0].LanguageDescription).toBe('ʻŌlelo Hawaiʻi');
      const without = jobFor(source, 'separate', []);
      expect(without.Settings.Inputs[0]).not.toHaveProperty('CaptionSelectors');
      expect(captionOutputsOf(without, 'HLS')).toEqual([]);
    });
  });
});
