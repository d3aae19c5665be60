import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { localIssuerFor } from '../local/cognito/part';
import { loadServerlessConfig, type LocalService } from '../local/config';
import { freePort } from '../local/parts/freePort';

const repoDir = resolve(__dirname, '..');

export interface StackPorts {
  readonly api: number;
  readonly edge: number;
  readonly dynamodb: number;
  readonly s3: number;
  readonly payments: number;
  readonly playback: number;
}

/**
 * `npm start` exactly as a user runs it (`tsx local/start.ts`), in a process group of its own, so a test can stop it
 * with Ctrl-C (SIGINT) or kill the whole stack at once with `kill -9` (DynamoDB Local, ffmpeg and all), then start it
 * again on the same data folder and the same ports (the published URLs name the playback origin's port, as a user's do).
 */
export interface StackProcess {
  readonly api: string;
  readonly ports: StackPorts;
  readonly service: LocalService;
  readonly dataDir: string;
  /** The folder the stack's temp files go to (its TMPDIR): where the local MediaConvert works. */
  readonly tmpDir: string;
  start(): Promise<void>;
  /** Ctrl-C: resolves once the process has exited. */
  interrupt(): Promise<void>;
  /** `kill -9` of the whole process group: resolves once the main process is gone. */
  kill(): Promise<void>;
  token(sub: string, groups: readonly string[]): Promise<string>;
  /** One API call as a user holding `groups` (a token of the local issuer), the JSON answer parsed. */
  request(method: string, path: string, groups: readonly string[], body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** What the stack printed, for a failing test's message. */
  output(): string;
}

const waitForHealth = async (api: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output()}`);
    const healthy = await fetch(`${api}/health`).then((r) => r.status === 200, () => false);
    if (healthy) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`npm start was not healthy within ${timeoutMs} ms:\n${output()}`);
};

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

export const stackProcess = async (root: string): Promise<StackProcess> => {
  const ports: StackPorts = { api: await freePort(), edge: await freePort(), dynamodb: await freePort(), s3: await freePort(), payments: await freePort(), playback: await freePort() };
  const dataDir = join(root, 'data');
  const tmpDir = join(root, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  const api = `http://127.0.0.1:${ports.api}`;
  const service = await loadServerlessConfig({ serviceDir: repoDir, stage: 'dev' });
  let child: ChildProcess | undefined;
  let printed = '';
  const output = () => printed.slice(-6000);
  const env = {
    ...process.env,
    TMPDIR: tmpDir,
    SHOWRUNNER_DATA_DIR: dataDir,
    SHOWRUNNER_API_PORT: String(ports.api),
    SHOWRUNNER_EDGE_PORT: String(ports.edge),
    SHOWRUNNER_DYNAMODB_PORT: String(ports.dynamodb),
    SHOWRUNNER_S3_PORT: String(ports.s3),
    SHOWRUNNER_PAYMENTS_PORT: String(ports.payments),
    SHOWRUNNER_PLAYBACK_PORT: String(ports.playback),
    // npm start serves the web app too: on a free port, so stacks of parallel suites do not meet on 5173.
    SHOWRUNNER_WEB_PORT: '0',
    // Restarts and crashes are this stack's subject, not moderation: each start would load the nsfwjs model again
    // (about 19 s of a core), so the machine reviewer uses the media signals alone (test/e2eStack.ts says more).
    SHOWRUNNER_MODERATION_BACKEND: 'off',
  };
  const token = async (sub: string, groups: readonly string[]) => (await localIssuerFor(service, dataDir)).mint({ sub, groups: [...groups] });
  const running = (): ChildProcess => {
    if (child === undefined || child.pid === undefined) throw new Error('the stack is not running');
    return child;
  };
  return {
    api,
    ports,
    service,
    dataDir,
    tmpDir,
    start: async () => {
      const started = spawn(process.execPath, [require.resolve('tsx/cli'), 'local/start.ts'], { cwd: repoDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const keep = (chunk: Buffer) => (printed = `${printed}${chunk.toString('utf8')}`.slice(-20000));
      started.stdout?.on('data', keep);
      started.stderr?.on('data', keep);
      child = started;
      await waitForHealth(api, started, 180_000, output);
    },
    interrupt: async () => {
      const stack = running();
      stack.kill('SIGINT');
      await exited(stack);
    },
    kill: async () => {
      const stack = running();
      process.kill(-(stack.pid ?? 0), 'SIGKILL');
      await exited(stack);
    },
    token,
    request: async (method, path, groups, body) => {
      const bearer = await token(`${groups.join('-') || 'viewer'}-user`, groups);
      const response = await fetch(`${api}${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> };
    },
    output,
  };
};
