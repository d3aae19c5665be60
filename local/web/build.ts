import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time under `path` (a file or a folder), 0 when it does not exist. */
const newestMtime = (path: string): number => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
};

/** The app's sources: its own, and the generated API client it is built with. */
const sourcesOf = (serviceDir: string): string[] => {
  const web = join(serviceDir, 'web');
  return [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.mts'), join(serviceDir, 'client', 'index.ts'), join(serviceDir, 'client', 'schema.ts')];
};

/** Whether web/dist is missing or older than any of the app's sources. */
export const webBuildIsStale = (serviceDir: string): boolean => {
  const built = join(serviceDir, 'web', 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sourcesOf(serviceDir).some((source) => newestMtime(source) > builtAt);
};

/**
 * Builds the app with Vite when web/dist is missing or stale; a start with an up-to-date build costs a few stat calls.
 * Vite runs in a child process (it is ESM-only, and a build's memory is gone with it).
 */
export const ensureWebBuilt = async (serviceDir: string, log: (line: string) => void): Promise<void> => {
  if (!webBuildIsStale(serviceDir)) return;
  log('building the web app (web/dist is missing or older than web/src)...');
  const vite = join(serviceDir, 'node_modules', 'vite', 'bin', 'vite.js');
  // Each build writes a folder of its own and then takes dist's place: stacks starting together (test suites) may
  // each build, and a build never empties a dist another server is reading from.
  const dist = join(serviceDir, 'web', 'dist');
  const staging = `${dist}.${process.pid}.${randomUUID().slice(0, 8)}`;
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn', '--bypass-lock', '--outDir', staging, join(serviceDir, 'web')], { cwd: serviceDir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`the web app did not build (vite exited ${String(code)}); run \`npm run web:build\` to see why:\n${output.join('').slice(-2000)}`);
  }
  replaceFolder(dist, staging);
};

const replaceFolder = (target: string, replacement: string): void => {
  const old = `${replacement}.old`;
  if (existsSync(target)) renameSync(target, old);
  try {
    renameSync(replacement, target);
  } catch {
    // Another build took the place between the two renames: its output is as good as ours.
    rmSync(replacement, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
};
