import { chooseLadder } from '../show/ladder';
import { buildMediaConvertJob, frameFor, outputKeys, packagingOf, renditionsOf } from './jobSettings';

const video = (width: number, height: number, rotation: 0 | 90 | 180 | 270 = 0) => ({ index: 0, codec: 'h264', width, height, rotation, frameRate: 25 });
const stereo = { index: 1, codec: 'aac', channels: 2, sampleRateHz: 48000 };

const jobFor = (probe: { video: ReturnType<typeof video>[]; audio: (typeof stereo)[]; durationMs: number }, packaging?: 'separate' | 'cmaf') =>
  buildMediaConvertJob({
    showId: 'show-1',
    transcodeId: 't-1',
    ladder: chooseLadder(probe),
    probe,
    source: { bucket: 'sources', key: 'uploads/show-1/u-1/clip.mov' },
    destinationBucket: 'media',
    roleArn: 'arn:aws:iam::123456789012:role/mediaconvert',
    ...(packaging === undefined ? {} : { packaging }),
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
    expect(hls?.Name === 'HLS' && hls.Outputs[0]?.AudioDescriptions).toHaveLength(1);
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
});
