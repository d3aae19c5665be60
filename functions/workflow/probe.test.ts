import { probeFromFfprobe } from './probe';

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
});
