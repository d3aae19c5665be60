import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

type Tool = 'ffmpeg' | 'ffprobe';

/**
 * The binaries of the @ffmpeg-installer / @ffprobe-installer platform package of this machine. Their index modules
 * `require()` a package.json, which the local Lambda workers' TypeScript loader cannot load, so the path is resolved
 * here (resolving does not load the file). Never bundled: the require is dynamic, and on AWS the layer serves.
 */
const fromPackages = (tool: Tool): string | undefined => {
  try {
    return join(dirname(require.resolve(`@${tool}-installer/${process.platform}-${process.arch}/package.json`)), process.platform === 'win32' ? `${tool}.exe` : tool);
  } catch {
    return undefined;
  }
};

/**
 * Where a tool is: the path its variable names (FFMPEG_PATH, FFPROBE_PATH: /opt/bin/... from the ffmpeg layer on
 * AWS, see layers/ffmpeg) when that file exists, else the npm platform package (the local cloud, tests, benchmarks).
 * Resolved once at load; neither found is a deployment error, said at once.
 */
export const resolveBinary = (tool: Tool, configured: string | undefined, packaged: (tool: Tool) => string | undefined = fromPackages): string => {
  if (configured !== undefined && configured !== '' && existsSync(configured)) return configured;
  const fallback = packaged(tool);
  if (fallback !== undefined && existsSync(fallback)) return fallback;
  throw new Error(
    `${tool} not found: ${configured ? `${configured} (from ${tool.toUpperCase()}_PATH) does not exist` : `${tool.toUpperCase()}_PATH is not set`} and no @${tool}-installer/${process.platform}-${process.arch} package is installed. On AWS, attach the ffmpeg layer (layers/ffmpeg).`,
  );
};

export const ffmpegPath: string = resolveBinary('ffmpeg', process.env.FFMPEG_PATH);
export const ffprobePath: string = resolveBinary('ffprobe', process.env.FFPROBE_PATH);

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

/**
 * The environment every ffmpeg/ffprobe runs in. The static @ffprobe-installer builds (4.1 to 5.2) open the system's
 * glibc iconv modules when they read MPEG-TS (.ts, .mts, .m2ts, HLS segments) and segfault there; with GCONV_PATH
 * set they never load them, and read the stream (service names included) the same.
 */
export const ffmpegEnv = (env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => ({ ...env, GCONV_PATH: '/nonexistent' });

/**
 * Runs one ffmpeg (or ffprobe) process; resolves with stdout and stderr, rejects with the tail of stderr.
 * `onStdout` sees stdout as it comes (ffmpeg's `-progress pipe:1` reports); `onSpawn` gets the process id, for a
 * caller that must find its processes again after it was killed (the local MediaConvert's next start).
 */
export const run = (
  binary: string,
  args: readonly string[],
  options: { onStdout?: (chunk: string) => void; onSpawn?: (pid: number) => void } = {},
): Promise<{ stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: ffmpegEnv() });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
      options.onStdout?.(chunk.toString('utf8'));
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve({ stdout, stderr });
      else reject(new FfmpegError(binary.split('/').pop() ?? binary, code, stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 800)));
    });
  });
