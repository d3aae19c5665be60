import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ffmpegPath } from '../adapters/media/ffmpeg';
import { modelModerator } from '../adapters/moderation/modelModerator';
import { nsfwClassifier } from '../adapters/moderation/nsfwModel';
import { measureSignals } from '../functions/workflow/signals';
import type { BenchModule, BenchSection } from './benchModule';
import { median, round } from './measure';

const runs = Number(process.env.BENCH_MODERATION_RUNS ?? 3);
const clipSeconds = 60;

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const began = performance.now();
  await work();
  return performance.now() - began;
};

/** A generated clip (test pattern and a tone: no real imagery), 1280x720 at 25 fps, H.264 and AAC. */
const makeClip = (dir: string, seconds: number): string => {
  const file = join(dir, `clip-${seconds}s.mp4`);
  execFileSync(ffmpegPath, [
    '-v', 'error', '-f', 'lavfi', '-i', `testsrc2=s=1280x720:r=25:d=${seconds}`, '-f', 'lavfi', '-i', `sine=frequency=440:d=${seconds}`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', '-y', file,
  ]);
  return file;
};

const row = (what: string, samplesMs: readonly number[], seconds: number) => ({
  what,
  runs: samplesMs.length,
  'median s': round(median(samplesMs) / 1000, 2),
  's per minute of video': round(median(samplesMs) / 1000 / (seconds / 60), 2),
});

const run = async (): Promise<BenchSection> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-moderation-'));
  try {
    const clip = makeClip(dir, clipSeconds);
    const loadMs = await timed(() => nsfwClassifier());
    const signals: number[] = [];
    const moderation: number[] = [];
    const both: number[] = [];
    const moderator = modelModerator({ maxFrames: 60 });
    const source = { url: clip, durationSeconds: clipSeconds, bucket: 'bench', key: 'clip', review: { showId: 's', transcodeId: 't', eventId: 'e', correlationId: 'c' } };
    for (let i = 0; i < runs; i += 1) {
      signals.push(await timed(() => measureSignals(clip, clipSeconds, true)));
      moderation.push(await timed(() => moderator.moderate(source)));
      both.push(await timed(() => Promise.all([measureSignals(clip, clipSeconds, true), moderator.moderate(source)])));
    }
    return {
      title: 'Machine review: content moderation beside the blackdetect/silencedetect pass',
      measuredAt: new Date().toISOString(),
      environment: `a generated ${clipSeconds} s 1280x720 25 fps H.264/AAC clip on local disk, nsfwjs 4.4.0 MobileNetV2 on @tensorflow/tfjs-backend-wasm 4.22.0, the npm package ffmpeg, Node ${process.version}, ${cpus().length} CPUs`,
      notes: [
        `Model load (once per container, warm-up predict included): ${round(loadMs / 1000, 2)} s.`,
        'Moderation = sample one frame a second (at most 60, evenly spaced) at 224x224 with ffmpeg and score each; signals = one decode with blackdetect and silencedetect; the machine reviewer runs both side by side.',
      ],
      columns: ['what', 'runs', 'median s', 's per minute of video'],
      rows: [row('signals (blackdetect + silencedetect)', signals, clipSeconds), row('moderation (60 frames, MobileNetV2 wasm)', moderation, clipSeconds), row('both, side by side (what the reviewer does)', both, clipSeconds)],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export const moderationBenchmark: BenchModule = { section: 'moderation', run };
