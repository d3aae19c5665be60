import { subtitlePlaylist, withDashTextTracks, withHlsSubtitles } from './manifests';

const master = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS', '#EXT-X-STREAM-INF:BANDWIDTH=500000,RESOLUTION=640x360', 'master_360p.m3u8', '#EXT-X-STREAM-INF:BANDWIDTH=1500000,RESOLUTION=1280x720', 'master_720p.m3u8', ''].join('\n');
const mpd = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static">',
  '\t<Period id="0" start="PT0.0S">',
  '\t\t<AdaptationSet id="0" contentType="video" segmentAlignment="true">',
  '\t\t\t<Representation id="0" mimeType="video/mp4" bandwidth="500000"/>',
  '\t\t</AdaptationSet>',
  '\t\t<AdaptationSet id="1" contentType="audio" lang="und">',
  '\t\t\t<Representation id="2" mimeType="audio/mp4" bandwidth="96000"/>',
  '\t\t</AdaptationSet>',
  '\t</Period>',
  '</MPD>',
  '',
].join('\n');
const tracks = [
  { language: 'en', label: 'English' },
  { language: 'fr-CA', label: 'Français "CA"' },
];

describe('caption parts of the manifests', () => {
  it('adds one SUBTITLES rendition per language before the variants, and the group to every variant', () => {
    expect(withHlsSubtitles(master, tracks).split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="../captions/en.m3u8"',
      '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Français \'CA\'",LANGUAGE="fr-CA",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="../captions/fr-CA.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=500000,RESOLUTION=640x360,SUBTITLES="subs"',
      'master_360p.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=1500000,RESOLUTION=1280x720,SUBTITLES="subs"',
      'master_720p.m3u8',
      '',
    ]);
  });

  it('rewrites rather than appends: a second run, or one after a removal, leaves exactly the current tracks', () => {
    const twice = withHlsSubtitles(withHlsSubtitles(master, tracks), tracks.slice(1));
    expect(twice.match(/TYPE=SUBTITLES/g)).toHaveLength(1);
    expect(twice.match(/SUBTITLES="subs"/g)).toHaveLength(2);
    expect(withHlsSubtitles(withHlsSubtitles(master, tracks), [])).toBe(master);
    expect(withDashTextTracks(withDashTextTracks(mpd, tracks), [])).toBe(mpd);
    expect(withDashTextTracks(withDashTextTracks(mpd, tracks), tracks)).toBe(withDashTextTracks(mpd, tracks));
  });

  it('adds a text AdaptationSet per language to the Period, with ids after the existing ones and escaped labels', () => {
    const written = withDashTextTracks(mpd, tracks);
    expect(written).toContain('<AdaptationSet id="2" contentType="text" mimeType="text/vtt" lang="en">');
    expect(written).toContain('<AdaptationSet id="3" contentType="text" mimeType="text/vtt" lang="fr-CA">');
    expect(written).toContain('<Label>Français &quot;CA&quot;</Label>');
    expect(written).toContain('<BaseURL>../captions/fr-CA.vtt</BaseURL>');
    expect(written.indexOf('lang="fr-CA"')).toBeLessThan(written.indexOf('</Period>'));
  });

  it('writes a one-segment VOD playlist as long as the show', () => {
    expect(subtitlePlaylist('en', 12_345)).toContain('#EXT-X-TARGETDURATION:13\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:12.345,\nen.vtt\n#EXT-X-ENDLIST');
  });
});
