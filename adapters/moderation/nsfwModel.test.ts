import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffmpegPath } from '../media/ffmpeg';
import { sampleFrames, samplingRate } from './frames';
import { modelModerator } from './modelModerator';
import { frameBytes, nsfwClasses, nsfwClassifier } from './nsfwModel';

// Generated pictures only (ffmpeg's test sources): no real imagery in this repository's tests.
const dir = mkdtempSync(join(tmpdir(), 'moderation-'));
const clip = (name: string, source: string, seconds: number) => {
  const file = join(dir, name);
  execFileSync(ffmpegPath, ['-v', 'error', '-f', 'lavfi', '-i', `${source}:r=10:d=${seconds}`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-y', file]);
  return file;
};
const testsrc = clip('testsrc2.mp4', 'testsrc2=s=320x180', 3);
const bars = clip('smptebars.mp4', 'smptebars=s=320x180', 12);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('frame sampling', () => {
  it('takes one frame a second of a short video, as 224 x 224 rgb24', async () => {
    const sizes: number[] = [];
    const count = await sampleFrames(testsrc, { durationSeconds: 3, maxFrames: 8 }, (frame) => {
      sizes.push(frame.length);
      return Promise.resolve();
    });
    expect({ count, sizes }).toEqual({ count: 3, sizes: [frameBytes, frameBytes, frameBytes] });
  });

  it('takes at most maxFrames of a longer one, evenly spaced', async () => {
    expect(samplingRate(12, 4)).toBeCloseTo(1 / 3);
    await expect(sampleFrames(bars, { durationSeconds: 12, maxFrames: 4 }, () => Promise.resolve())).resolves.toBe(4);
  });

  it('fails with ffmpeg\'s own words on a source it cannot read', async () => {
    await expect(sampleFrames(join(dir, 'missing.mp4'), { durationSeconds: 1, maxFrames: 1 }, () => Promise.resolve())).rejects.toThrow(/No such file/);
  });
});

describe('the nsfwjs model (MobileNetV2, wasm backend, weights from the npm package)', () => {
  it('loads offline and scores a generated frame: every class, summing to 1', async () => {
    const classifier = await nsfwClassifier();
    let scores: Record<string, number> | undefined;
    await sampleFrames(testsrc, { durationSeconds: 3, maxFrames: 1 }, async (frame) => {
      scores = await classifier.classify(frame);
    });
    expect(Object.keys(scores ?? {}).sort()).toEqual([...nsfwClasses].sort());
    const values = Object.values(scores ?? {});
    expect(values.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  });

  it('refuses a frame of the wrong size', async () => {
    await expect((await nsfwClassifier()).classify(new Uint8Array(10))).rejects.toThrow(/150528 bytes/);
  });

  it('moderates a video: the highest score of each class over its sampled frames', async () => {
    const answer = await modelModerator({ maxFrames: 4 }).moderate({ url: bars, durationSeconds: 12, bucket: 'b', key: 'k', review: { showId: 's', transcodeId: 't', eventId: 'e', correlationId: 'c' } });
    expect(answer).toMatchObject({ status: 'scored', scores: { model: 'nsfwjs-mobilenet-v2', framesScored: 4 } });
    if (answer.status !== 'scored') return;
    expect(Object.keys(answer.scores.scores).sort()).toEqual([...nsfwClasses].sort());
    // Colour bars are no one's idea of explicit: whatever the top class, the explicit ones stay low.
    expect(answer.scores.scores.Porn).toBeLessThan(0.4);
    expect(answer.scores.scores.Hentai).toBeLessThan(0.4);
  });
});
