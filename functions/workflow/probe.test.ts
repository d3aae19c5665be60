import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestClip } from '../../local/mediaconvert/testClip';
import { probeFromFfprobe, probeSource } from './probe';

const ffprobe = (streams: unknown[], format: Record<string, unknown> = { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '2.000000', bit_rate: '56000' }) => ({ format, streams });

describe("ffprobe's JSON as the probe the domain records", () => {
  it('reads container, duration, streams, rotation and frame rate', () => {
    const outcome = probeFromFfprobe(
      ffprobe([
        { index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30000/1001', bit_rate: '5000000', side_data_list: [{ rotation: -90 }] },
        { index: 1, codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000', tags: { language: 'eng' } },
      ]),
    );
    expect(outcome).toEqual({
      ok: true,
      probe: {
        container: 'mov,mp4,m4a,3gp,3g2,mj2',
        durationMs: 2000,
        overallBitrateBps: 56000,
        video: [{ index: 0, codec: 'h264', width: 1920, height: 1080, rotation: 90, frameRate: 30000 / 1001, bitrateBps: 5000000 }],
        audio: [{ index: 1, codec: 'aac', channels: 2, sampleRateHz: 48000, language: 'eng' }],
      },
    });
  });

  it('does not count cover art as video', () => {
    const outcome = probeFromFfprobe(ffprobe([{ index: 0, codec_type: 'video', codec_name: 'mjpeg', width: 600, height: 600 }]));
    expect(outcome.ok && outcome.probe.video).toEqual([]);
  });

  it('calls a source without a duration unreadable', () => {
    expect(probeFromFfprobe(ffprobe([], { format_name: 'mp3' }))).toMatchObject({ ok: false, reason: 'SOURCE_UNREADABLE' });
    expect(probeFromFfprobe({ streams: [] })).toMatchObject({ ok: false, reason: 'SOURCE_UNREADABLE' });
  });

  it('refuses a main video stream no transcoder here decodes, saying what to upload instead', () => {
    const outcome = probeFromFfprobe(ffprobe([{ index: 0, codec_type: 'video', codec_name: 'theora', width: 640, height: 360 }]));
    expect(outcome).toEqual({
      ok: false,
      reason: 'UNSUPPORTED_FORMAT',
      message: 'The video codec theora cannot be decoded; upload H.264, HEVC, VP9 or AV1 video in MP4, MOV, MKV, WebM or MPEG-TS (.ts, .mts, .m2ts).',
    });
  });
});

describe('probing real files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads an AVCHD-style .mts (MPEG-TS with 192-byte packets), which the bundled ffprobe used to crash on', async () => {
    await makeTestClip(join(dir, 'camera.mts'), { seconds: 1 });
    const outcome = await probeSource(join(dir, 'camera.mts'));
    expect(outcome).toMatchObject({ ok: true, probe: { container: 'mpegts', video: [{ codec: 'h264', width: 320, height: 240 }], audio: [{ codec: 'aac' }] } });
  });

  it('fails an FFV1 archive master as unsupported instead of letting the transcode fail later', async () => {
    await makeTestClip(join(dir, 'archive.mkv'), { seconds: 1, codec: 'ffv1', audio: 'none' });
    expect(await probeSource(join(dir, 'archive.mkv'))).toMatchObject({ ok: false, reason: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('The video codec ffv1 cannot be decoded') });
  });
});
