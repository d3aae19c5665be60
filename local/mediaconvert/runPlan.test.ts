import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffmpegPath, run } from '../../adapters/media/ffmpeg';
import { buildMediaConvertJob } from '../../domain/media/jobSettings';
import { chooseLadder } from '../../domain/show/ladder';
import { jobPaths } from './commands';
import { planJob } from './plan';
import { createJobProgress } from './progress';
import { runPlan } from './runPlan';
import { makeTestClip } from './testClip';

describe('the local transcoder on the job settings the domain builds', () => {
  const root = mkdtempSync(join(tmpdir(), 'runplan-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes every rendition, an HLS master that ffmpeg decodes end to end, a DASH manifest and thumbnails', async () => {
    const paths = jobPaths(root, 'source.mp4');
    await makeTestClip(paths.source, { seconds: 3, width: 640, height: 360 });
    const probe = { durationMs: 3000, video: [{ index: 0, codec: 'h264', width: 640, height: 360, rotation: 0 as const, frameRate: 25 }], audio: [{ index: 1, codec: 'aac', channels: 1, sampleRateHz: 44100 }] };
    const job = buildMediaConvertJob({ showId: 's', transcodeId: 't', ladder: chooseLadder(probe), probe, source: { bucket: 'src', key: 'k.mp4' }, destinationBucket: 'media', roleArn: 'arn:role' });

    const plan = planJob(job);
    const reported: number[] = [];
    await runPlan(plan, paths, undefined, createJobProgress(3, plan.renditions.map((r) => r.name), (percent) => reported.push(percent)));
    // ffmpeg's own -progress reports: every encode ends (90 %), then packaging (95 %); never backwards.
    expect(reported.at(-2)).toBe(90);
    expect(reported.at(-1)).toBe(95);
    expect(reported).toEqual([...reported].sort((a, b) => a - b));

    const master = readFileSync(join(paths.hls, 'master.m3u8'), 'utf8');
    expect(master).toContain('RESOLUTION=480x270');
    expect(master).toContain('RESOLUTION=640x360');
    expect(readdirSync(paths.hls).filter((f) => f.endsWith('.ts')).length).toBeGreaterThanOrEqual(2);
    expect(readFileSync(join(paths.dash, 'manifest.mpd'), 'utf8')).toContain('<Representation');
    expect(readdirSync(paths.thumbnails)).toEqual(['thumb.0000000.jpg']);
    const decoded = await run(ffmpegPath, ['-v', 'error', '-i', join(paths.hls, 'master.m3u8'), '-map', '0:v:0', '-f', 'null', '-']);
    expect(decoded.stderr).toBe('');
  }, 30_000);
});
