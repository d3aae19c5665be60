import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { ffmpegPath, run as runFfmpeg } from '../../adapters/media/ffmpeg';
import { writeCaptions } from './captions';
import { cmafPackageArgs, dashPackageArgs, encodeArgs, hlsPackageArgs, thumbnailArgs, type JobPaths } from './commands';
import { writeManifests } from './manifests';
import type { TranscodePlan } from './plan';
import type { JobProgress } from './progress';

/** Runs `tasks` with at most `limit` in flight; rejects with the first failure once the others settled. */
const inParallel = async (tasks: readonly (() => Promise<unknown>)[], limit: number): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next];
      next += 1;
      await task?.();
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
};

/**
 * Every ffmpeg command of a job, on local files: encodes (one process per rendition, as many at once as there
 * are cores, thumbnails alongside), then packaging (copy only), then the manifests (`writeManifests`) and the captions the job carries (`writeCaptions`). The benchmark runs
 * this bare to measure what the workflow adds around it. `onSpawn` sees each process id as it starts.
 */
export const runPlan = async (
  plan: TranscodePlan,
  paths: JobPaths,
  parallelism = availableParallelism(),
  progress?: JobProgress,
  onSpawn?: (pid: number) => void,
): Promise<void> => {
  const run = (binary: string, args: readonly string[], options: { onStdout?: (chunk: string) => void } = {}) => runFfmpeg(binary, args, { ...options, ...(onSpawn === undefined ? {} : { onSpawn }) });
  await Promise.all([paths.work, paths.hls, paths.dash, paths.cmaf, paths.thumbnails, paths.captions].map((dir) => mkdir(dir, { recursive: true })));
  const thumbnails = thumbnailArgs(plan, paths);
  await inParallel(
    [
      // Largest first, so the longest encode is not left alone at the end.
      ...[...plan.renditions].reverse().map((rendition) => () =>
        progress === undefined
          ? run(ffmpegPath, encodeArgs(plan, paths, rendition))
          : run(ffmpegPath, ['-progress', 'pipe:1', '-nostats', ...encodeArgs(plan, paths, rendition)], { onStdout: progress.encodeFeed(rendition.name) }),
      ),
      ...(thumbnails.length > 0 ? [() => run(ffmpegPath, thumbnails)] : []),
    ],
    parallelism,
  );
  await inParallel(
    [
      ...(plan.hls === null ? [] : plan.renditions.map((rendition) => () => run(ffmpegPath, hlsPackageArgs(plan, paths, rendition)))),
      ...(plan.dash === null ? [] : [() => run(ffmpegPath, dashPackageArgs(plan, paths))]),
      ...(plan.cmaf === null ? [] : [() => run(ffmpegPath, cmafPackageArgs(plan, paths))]),
    ],
    parallelism,
  );
  await writeCaptions(plan, paths, await writeManifests(plan, paths));
  progress?.packaged();
};
