import { spawn } from 'node:child_process';
import { FfmpegError, ffmpegPath } from '../media/ffmpeg';
import { frameBytes, frameSide } from './nsfwModel';

/**
 * One frame a second, or `maxFrames` evenly spaced over a longer video: the cost of scoring stays bounded whatever
 * the duration. Returns the frame rate for ffmpeg's fps filter.
 */
export const samplingRate = (durationSeconds: number, maxFrames: number): number =>
  durationSeconds <= maxFrames ? 1 : maxFrames / durationSeconds;

/**
 * Samples frames of a video (a file or a URL ffmpeg can read) as 224 x 224 rgb24 and hands each to `onFrame` as it
 * is decoded, one at a time (the next waits for the previous: memory stays at one frame). Resolves with the count.
 */
export const sampleFrames = (
  input: string,
  options: { durationSeconds: number; maxFrames: number },
  onFrame: (frame: Uint8Array, index: number) => Promise<void>,
): Promise<number> =>
  new Promise((resolve, reject) => {
    const rate = samplingRate(options.durationSeconds, options.maxFrames);
    const child = spawn(ffmpegPath, [
      '-v', 'error', '-nostdin', '-i', input, '-an',
      '-vf', `fps=${rate.toFixed(6)},scale=${frameSide}:${frameSide}`,
      '-frames:v', String(options.maxFrames),
      '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = Buffer.alloc(0);
    let count = 0;
    let work = Promise.resolve();
    let failed: unknown;
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= frameBytes) {
        const frame = new Uint8Array(pending.subarray(0, frameBytes));
        pending = pending.subarray(frameBytes);
        const index = count++;
        child.stdout.pause();
        work = work.then(() => onFrame(frame, index)).then(() => void child.stdout.resume(), (error: unknown) => {
          failed ??= error;
          child.kill('SIGKILL');
        });
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      void work.then(() => {
        if (failed !== undefined) reject(failed instanceof Error ? failed : new Error(String(failed)));
        else if (code !== 0) reject(new FfmpegError('ffmpeg', code, Buffer.concat(stderr).toString('utf8').trim().split('\n').slice(-3).join(' | ').slice(0, 800)));
        else resolve(count);
      });
    });
  });
