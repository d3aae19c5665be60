import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchModule, BenchSection } from './benchModule';
import { median, round } from './measure';

const runs = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const repoDir = join(__dirname, '..');

/** Spawns `npm start`'s entry on free ports in a scratch data folder; resolves with ms until GET /health says ok. */
const timeToHealthy = async (dataDir: string): Promise<number> => {
  const began = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoDir, 'local', 'start.ts')], {
    cwd: repoDir,
    env: { ...process.env, SHOWRUNNER_DATA_DIR: dataDir, SHOWRUNNER_API_PORT: '0', SHOWRUNNER_EDGE_PORT: '0', SHOWRUNNER_DYNAMODB_PORT: '0', SHOWRUNNER_S3_PORT: '0', SHOWRUNNER_WEB_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const api = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /API\s+(http:\/\/\S+)/.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
    });
    for (;;) {
      const healthy = await fetch(`${api}/health`).then((r) => r.ok, () => false);
      if (healthy) return performance.now() - began;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
};

const run = async (): Promise<BenchSection> => {
  const rows = [];
  for (const kind of ['first start (empty data folder)', 'restart (same data folder)'] as const) {
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const dir = mkdtempSync(join(tmpdir(), 'bench-start-'));
      try {
        if (kind.startsWith('restart')) await timeToHealthy(join(dir, 'data'));
        samples.push(await timeToHealthy(join(dir, 'data')));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    rows.push({ what: kind, runs, 'median s': round(median(samples) / 1000, 2), 'max s': round(Math.max(...samples) / 1000, 2) });
  }
  return {
    title: '`npm start`: process start -> GET /health answers 200 (`startup`)',
    measuredAt: new Date().toISOString(),
    environment: `the real serverless.yml, Node ${process.version}, ${cpus().length} CPUs, free ports, scratch data folder`,
    notes: ['Target: under 15 s. The clock starts when the process is spawned (tsx compile included) and stops at the first 200 from /health, which probes DynamoDB, EventBridge and Step Functions through the health function.'],
    columns: ['what', 'runs', 'median s', 'max s'],
    rows,
  };
};

export const startupBenchmark: BenchModule = { section: 'startup', run };
