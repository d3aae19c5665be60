import { masterPlaylist } from './manifests';

describe('the HLS master playlist', () => {
  it('lists each variant with the attributes of RFC 8216 4.3.4.2, in the order given', () => {
    const variant = (height: number, peak: number) => ({ videoBitrate: peak, uri: `master_${height}p.m3u8`, bitrates: { peak, average: peak - 1000 }, codecs: ['avc1.64001e', 'mp4a.40.2'], width: (height * 16) / 9, height, frameRate: 30000 / 1001 });
    expect(masterPlaylist([variant(270, 500_000), variant(360, 1_600_000)])).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-STREAM-INF:BANDWIDTH=500000,AVERAGE-BANDWIDTH=499000,CODECS="avc1.64001e,mp4a.40.2",RESOLUTION=480x270,FRAME-RATE=29.970',
        'master_270p.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=1600000,AVERAGE-BANDWIDTH=1599000,CODECS="avc1.64001e,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=29.970',
        'master_360p.m3u8',
        '',
      ].join('\n'),
    );
  });

  it('points video-only variants at their audio rendition (CMAF)', () => {
    const master = masterPlaylist([{ videoBitrate: 1, uri: 'media_0.m3u8', bitrates: { peak: 2, average: 1 }, codecs: ['avc1.64000d', 'mp4a.40.2'], width: 480, height: 270, frameRate: 25, audioGroup: 'audio' }], {
      version: 7,
      audio: { groupId: 'audio', name: 'audio', uri: 'media_1.m3u8' },
    });
    expect(master).toContain('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="audio",DEFAULT=YES,AUTOSELECT=YES,URI="media_1.m3u8"');
    expect(master).toContain('FRAME-RATE=25.000,AUDIO="audio"\nmedia_0.m3u8');
  });
});
