import { captionChoices } from '../src/player/captions';

describe("the player's captions menu", () => {
  it('is absent when the stream carries no subtitles', () => {
    expect(captionChoices([])).toEqual([]);
  });

  it("offers off, then each track by its name, by hls.js's index", () => {
    expect(captionChoices([{ name: 'English', lang: 'en' }, { name: 'Español', lang: 'es' }])).toEqual([
      { index: -1, label: 'Off' },
      { index: 0, label: 'English' },
      { index: 1, label: 'Español' },
    ]);
  });

  it('names a track without a NAME by its language, tells alike names apart, and leaves forced tracks out', () => {
    expect(captionChoices([{ name: '', lang: 'fr' }, { name: 'English', lang: 'en', forced: true }, { name: 'Subtitles', lang: 'en' }, { name: 'Subtitles', lang: 'en-GB' }])).toEqual([
      { index: -1, label: 'Off' },
      { index: 0, label: 'French' },
      { index: 2, label: 'Subtitles (en)' },
      { index: 3, label: 'Subtitles (en-GB)' },
    ]);
  });
});
