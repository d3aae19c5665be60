import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';

/**
 * The ffmpeg and ffprobe binaries shipped by @ffmpeg-installer and @ffprobe-installer, found through their
 * platform packages. Their index modules `require()` a package.json, which the local Lambda workers' TypeScript
 * loader cannot load, so the path is resolved here (resolving does not load the file).
 */
const binaryOf = (tool: 'ffmpeg' | 'ffprobe'): string =>
  join(dirname(require.resolve(`@${tool}-installer/${process.platform}-${process.arch}/package.json`)), process.platform === 'win32' ? `${tool}.exe` : tool);

export const ffmpegPath: string = binaryOf('ffmpeg');
export const ffprobePath: string = binaryOf('ffprobe');

export class FfmpegError extends Error {
  constructor(
    readonly tool: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(`${tool} exited with ${exitCode ?? 'a signal'}: ${stderrTail}`);
    this.name = 'FfmpegError';
  }
}

/** Runs one ffmpeg (or ffprobe) process; resolves with stdout and stderr, rejects with the tail of stderr. */
export const run = (binary: string, args: readonly string[]): Promise<{ stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve({ stdout, stderr });
      else reject(new FfmpegError(binary.split('/').pop() ?? binary, code, stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 800)));
    });
  });
