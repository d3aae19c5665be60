import { chooseLadder } from './ladder';

const video = (width: number, height: number, rotation: 0 | 90 | 180 | 270 = 0, index = 0) => ({
  index,
  codec: 'h264',
  width,
  height,
  rotation,
  frameRate: 25,
});

const names = (width: number, height: number, rotation: 0 | 90 | 180 | 270 = 0) =>
  chooseLadder({ video: [video(width, height, rotation)] }).map((rung) => rung.name);

describe('chooseLadder', () => {
  it('never upscales a 720p source', () => {
    expect(names(1280, 720)).toEqual(['270p', '360p', '540p', '720p']);
  });

  it('gives a 4K source a real 2160p top rung', () => {
    expect(names(3840, 2160).at(-1)).toBe('2160p');
  });

  it('treats a rotated portrait source by its short side, like landscape', () => {
    expect(names(1920, 1080, 90)).toEqual(names(1920, 1080, 0));
    expect(names(1080, 1920)).toEqual(names(1920, 1080));
  });

  it('gives a tiny source one rung at its own even size', () => {
    expect(chooseLadder({ video: [video(320, 241)] })).toEqual([{ name: '240p', shortSidePx: 240, videoBitrateKbps: 400 }]);
  });

  it('ladders the first video stream by index', () => {
    expect(chooseLadder({ video: [video(640, 360, 0, 2), video(1280, 720, 0, 0)] }).at(-1)?.name).toBe('720p');
  });

  it('has nothing to transcode without video', () => {
    expect(chooseLadder({ video: [] })).toEqual([]);
  });
});
