import { parseCaptions } from './subtitles';

const srt = '1\r\n00:00:01,000 --> 00:00:02,500\r\nHello there\r\n\r\n2\r\n00:00:03,000 --> 00:01:04,250\r\nTwo lines\r\nof text\r\n';

describe('caption files', () => {
  it('converts SRT to WebVTT: dots for commas, the cue numbers kept as identifiers', () => {
    expect(parseCaptions(srt)).toEqual({
      ok: true,
      format: 'srt',
      cueCount: 2,
      webvtt: 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nHello there\n\n2\n00:00:03.000 --> 00:01:04.250\nTwo lines\nof text\n',
    });
  });

  it('reads WebVTT with a byte order mark, short times, identifiers, settings and NOTE blocks', () => {
    const vtt = '\uFEFFWEBVTT - a title\n\nNOTE made by hand\n\nintro\n00:01.000 --> 00:02.000 line:90%\n<v Ann>Hi\n\n01:00:00.000 --> 01:00:01.000\nLater\n';
    expect(parseCaptions(vtt)).toEqual({
      ok: true,
      format: 'webvtt',
      cueCount: 2,
      webvtt: 'WEBVTT\n\nintro\n00:00:01.000 --> 00:00:02.000 line:90%\n<v Ann>Hi\n\n01:00:00.000 --> 01:00:01.000\nLater\n',
    });
  });

  it.each([
    ['', 'the caption file is empty'],
    ['hello world\n', 'neither WebVTT'],
    ['WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nbad\n', 'line 3: "00:00:01.000 --> 00:00:0x.000" is not a cue timing'],
    ['WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nbackwards\n', 'line 3: the cue ends (00:00:01.000) before it starts (00:00:05.000)'],
    ['WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nSRT commas in WebVTT\n', 'mm:ss.ttt or hh:mm:ss.ttt'],
    ['1\n00:00:01,000 --> 00:00:02,000\nok\n\nsecond\n00:00:03,000 --> 00:00:04,000\nno number\n', 'line 5: an SRT cue starts with its number'],
    ['1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:61:00,000 --> 00:62:00,000\nminute 61\n', 'line 6:'],
    ['WEBVTT\n\nNOTE only a note\n', 'no cues'],
  ])('refuses %j, saying what is wrong', (text, message) => {
    const parsed = parseCaptions(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toContain(message);
  });
});
