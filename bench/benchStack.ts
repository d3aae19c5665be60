import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalCloud, type LocalCloud } from '../local/cloud';

/**
 * Where a benchmark's stack keeps its data. The default temp dir is on disk here, and DynamoDB Local's SQLite
 * syncs every write to it (about 200-300 writes/s, serialised); BENCH_DATA_ROOT=/dev/shm (tmpfs) takes that
 * out, which is closer to what DynamoDB itself costs the code under test. Benchmarks report which one ran.
 */
export const benchDataRoot = process.env.BENCH_DATA_ROOT ?? tmpdir();

export interface BenchStack {
  readonly cloud: LocalCloud;
  readonly api: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** `npm start`'s stack on the real serverless.yml, on free ports, with its data in a fresh folder under benchDataRoot. */
export const startBenchStack = async (name: string, stage = 'dev'): Promise<BenchStack> => {
  const workDir = mkdtempSync(join(benchDataRoot, `showrunner-bench-${name}-`));
  const dataDir = join(workDir, 'data');
  const cloud = await startLocalCloud({ ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir, stage, configPath: resolve(__dirname, '..', 'serverless.yml') }, () => undefined);
  return {
    cloud,
    api: cloud.endpoints.api,
    dataDir,
    stop: async () => {
      await cloud.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
};
