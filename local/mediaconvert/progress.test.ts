import { createJobProgress } from './progress';

describe("a local job's progress from ffmpeg's -progress reports", () => {
  it('averages the encodes over the source duration, in whole percents that never go back', () => {
    const seen: number[] = [];
    const progress = createJobProgress(10, ['360p', '720p'], (percent) => seen.push(percent));
    const low = progress.encodeFeed('360p');
    const high = progress.encodeFeed('720p');
    low('frame=10\nout_time_us=5000000\nprogress=continue\n');
    expect(progress.percent).toBe(22);
    // A line split across chunks counts once it is whole; the older builds' out_time_ms is microseconds too.
    high('out_time_ms=100');
    expect(progress.percent).toBe(22);
    high('00000\nprogress=continue\n');
    expect(progress.percent).toBe(67);
    low('out_time_us=1000000\n');
    expect(progress.percent).toBe(67);
    low('progress=end\n');
    high('progress=end\n');
    expect(progress.percent).toBe(90);
    progress.packaged();
    expect(seen).toEqual([22, 67, 90, 95]);
  });
});
