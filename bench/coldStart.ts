import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { parse } from 'yaml';
import type { BenchModule, BenchSection } from './benchModule';
import { median, round } from './measure';
import { handlerParts, lambdaEnvironment, packagedFunctions, packageService, unpack, type PackagedFunction } from './packagedBundles';

const runs = Number(process.env.BENCH_COLDSTART_RUNS ?? 5);
/** `BENCH_COLDSTART_FUNCTIONS=listShows,publisher` measures only those functions (a quick look while changing a bundle). */
const only = process.env.BENCH_COLDSTART_FUNCTIONS?.split(',').filter((name) => name !== '');
const repoDir = join(__dirname, '..');

// Loads the bundle and prints how long the load took, on the clock and in CPU time: the module init a cold start
// pays before the handler runs. On a shared machine the clock also counts time waiting for a core; the CPU time
// does not, so it is the steadier figure when other work runs.
const initScript =
  "const { performance } = require('node:perf_hooks'); const c = process.cpuUsage(); const t = performance.now(); require(process.argv[1]); const wall = performance.now() - t; const cpu = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wall, cpu: (cpu.user + cpu.system) / 1000 })); process.exit(0);";

/** The esbuild options of serverless.yml's custom.esbuild, so the empty handler is bundled as the functions are. */
const esbuildOptions = (): BuildOptions => {
  const config = parse(readFileSync(join(repoDir, 'serverless.yml'), 'utf8'), { logLevel: 'silent' }) as { custom: { esbuild: Record<string, unknown> } };
  const { minify, keepNames, sourcemap, target, platform, format, mainFields } = config.custom.esbuild;
  return { bundle: true, minify, keepNames, sourcemap, target, platform, format, mainFields } as BuildOptions;
};

/** The SDK clients a bundle holds: each client package embeds its package.json name. */
const sdkClientsOf = (bundle: string): string[] => [...new Set([...bundle.matchAll(/name:"(@aws-sdk\/client-[a-z0-9-]+)"/g)].map((m) => m[1] ?? ''))].sort();

const clientImports = async (clients: readonly string[]): Promise<string[]> =>
  Promise.all(
    clients.map(async (pkg, i) => {
      const exported = Object.keys((await import(pkg)) as object).find((name) => /^[A-Z][A-Za-z0-9]*Client$/.test(name));
      return `import { ${exported} as Client${i} } from '${pkg}';`;
    }),
  );

const bundleEntry = async (dir: string, name: string, source: string): Promise<string> => {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, source);
  const outfile = join(dir, `${name}.js`);
  await build({ ...esbuildOptions(), entryPoints: [entry], outfile, nodePaths: [join(repoDir, 'node_modules')] });
  return outfile;
};

/** An empty handler that imports and creates the same SDK clients, bundled the way the functions are. */
const emptyHandlerBundle = async (clients: readonly string[], dir: string): Promise<string> =>
  bundleEntry(dir, 'empty', `${(await clientImports(clients)).join('\n')}\nexport const clients = [${clients.map((_, i) => `new Client${i}({})`).join(', ')}];\nexport const handler = async () => ({ statusCode: 200 });\n`);

const runtimeDir = join(repoDir, 'functions', 'runtime');

/**
 * The runtime floor: the same SDK clients, traced, plus what every function loads before its own code (functions/
 * runtime: the Powertools tracer with the X-Ray SDK, the logger, metrics, the middy pipeline, and a configuration
 * parsed with zod at load, as DEVELOPERS.md asks). A function's own code is what it costs above this.
 */
const runtimeFloorBundle = async (clients: readonly string[], dir: string): Promise<string> =>
  bundleEntry(
    dir,
    'floor',
    [
      "import * as z from 'zod';",
      ...(await clientImports(clients)),
      `import { readConfig } from '${join(runtimeDir, 'config')}';`,
      `import { lambdaHandler } from '${join(runtimeDir, 'lambda')}';`,
      `import { countMetric } from '${join(runtimeDir, 'metrics')}';`,
      `import { tracer } from '${join(runtimeDir, 'tracer')}';`,
      "const config = readConfig(z.object({ AWS_REGION: z.string().min(1), POWERTOOLS_SERVICE_NAME: z.string().min(1).optional() }), process.env, 'floor configuration');",
      `export const clients = [${clients.map((_, i) => `tracer.captureAWSv3Client(new Client${i}({}))`).join(', ')}];`,
      'export const handler = lambdaHandler(async () => { countMetric(\'Api5xx\', 0); return { statusCode: 200, body: config.AWS_REGION }; });',
      '',
    ].join('\n'),
  );

interface Init {
  readonly wall: number;
  readonly cpu: number;
}

const initMs = async (file: string, env: NodeJS.ProcessEnv): Promise<Init> => {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', initScript, file], { env });
  return JSON.parse(stdout) as Init;
};

interface Measured {
  readonly zipped: number;
  readonly unzipped: number;
  readonly clients: string[];
  readonly initMs: number;
  readonly initCpuMs: number;
  readonly emptyUnzipped: number;
  readonly emptyZipped: number;
  readonly emptyInitMs: number;
  readonly emptyInitCpuMs: number;
  readonly floorUnzipped: number;
  readonly floorInitCpuMs: number;
}

/** The function's bundle and its empty twin load in turns, so a busy moment of the machine falls on both. */
const measure = async (fn: PackagedFunction): Promise<Measured> => {
  const dir = unpack(fn);
  try {
    const file = join(dir, handlerParts(fn.handler).file);
    const clients = sdkClientsOf(readFileSync(file, 'utf8'));
    const empty = await emptyHandlerBundle(clients, dir);
    const floor = await runtimeFloorBundle(clients, dir);
    const env = lambdaEnvironment(fn, dir);
    const own: Init[] = [];
    const twin: Init[] = [];
    const floors: Init[] = [];
    for (let i = 0; i < runs; i += 1) {
      own.push(await initMs(file, env));
      twin.push(await initMs(empty, env));
      floors.push(await initMs(floor, env));
    }
    const emptyCode = readFileSync(empty);
    return {
      zipped: statSync(fn.zipPath).size,
      unzipped: statSync(file).size,
      clients,
      initMs: median(own.map((i) => i.wall)),
      initCpuMs: median(own.map((i) => i.cpu)),
      emptyUnzipped: emptyCode.length,
      emptyZipped: deflateRawSync(emptyCode).length,
      emptyInitMs: median(twin.map((i) => i.wall)),
      emptyInitCpuMs: median(twin.map((i) => i.cpu)),
      floorUnzipped: statSync(floor).size,
      floorInitCpuMs: median(floors.map((i) => i.cpu)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const kb = (bytes: number): number => round(bytes / 1024);

const run = async (): Promise<BenchSection> => {
  const packageDir = process.env.SHOWRUNNER_PACKAGE_DIR ?? (await packageService());
  const cache = new Map<string, Measured>();
  const rows = [];
  for (const fn of packagedFunctions(packageDir).filter((f) => only === undefined || only.includes(f.name))) {
    // Functions built from one file share one bundle: it is measured once.
    const key = createHash('sha256').update(readFileSync(fn.zipPath)).digest('hex');
    const m = cache.get(key) ?? (await measure(fn));
    cache.set(key, m);
    rows.push({
      function: fn.name,
      'zip KB': kb(m.zipped),
      'unzipped KB': kb(m.unzipped),
      'init ms (median)': round(m.initMs, 1),
      'init CPU ms': round(m.initCpuMs, 1),
      'SDK clients': m.clients.map((c) => c.replace('@aws-sdk/client-', '')).join(', '),
      'empty: zip KB': kb(m.emptyZipped),
      'empty: unzipped KB': kb(m.emptyUnzipped),
      'empty: init ms': round(m.emptyInitMs, 1),
      'empty: init CPU ms': round(m.emptyInitCpuMs, 1),
      // Without an SDK client the twin is an empty file: a ratio to it says nothing (the floor's still does).
      'init vs empty': m.clients.length === 0 ? 'n/a' : `${round(m.initMs / m.emptyInitMs, 2)}x`,
      'CPU vs empty': m.clients.length === 0 ? 'n/a' : `${round(m.initCpuMs / m.emptyInitCpuMs, 2)}x`,
      'floor: unzipped KB': kb(m.floorUnzipped),
      'floor: init CPU ms': round(m.floorInitCpuMs, 1),
      'floor vs empty (CPU)': m.clients.length === 0 ? 'n/a' : `${round(m.floorInitCpuMs / m.emptyInitCpuMs, 2)}x`,
      'CPU vs floor': `${round(m.initCpuMs / m.floorInitCpuMs, 2)}x`,
    });
  }
  return {
    title: 'Cold start: each packaged function bundle against an empty handler with the same SDK clients (`coldStart`)',
    measuredAt: new Date().toISOString(),
    environment: `serverless package output (serverless.yml custom.esbuild), Node ${process.version}, ${cpus().length} CPUs; ${runs} fresh processes per bundle, median`,
    notes: [
      'Init = require() of the unzipped bundle in a fresh Node process with the function\'s Lambda environment (dummy credentials, no AWS): what a cold start pays before the first invocation. Goal: at most 1.5x the empty handler.',
      'Init CPU ms = the CPU time (user + system) of that require(): on a machine shared with other work the clock also counts the wait for a core, the CPU time does not, so the CPU ratio is the steadier one. Both ratios are medians of the function over medians of its twin.',
      'The empty handler imports and creates the same @aws-sdk clients (read from the bundle) and is built with the same esbuild options; its zip size is the deflated file. A function with no SDK client (the docs) has an empty file as its twin: its ratio is n/a.',
      'Floor = the same SDK clients, traced, plus what every function loads before its own code (functions/runtime: Powertools tracer with the X-Ray SDK, logger, metrics, the middy pipeline, a configuration parsed with zod at load): "floor vs empty" is the least any traced, config-checking function pays; "CPU vs floor" is what its own code adds.',
    ],
    columns: ['function', 'zip KB', 'unzipped KB', 'init ms (median)', 'init CPU ms', 'SDK clients', 'empty: zip KB', 'empty: unzipped KB', 'empty: init ms', 'empty: init CPU ms', 'init vs empty', 'CPU vs empty', 'floor: unzipped KB', 'floor: init CPU ms', 'floor vs empty (CPU)', 'CPU vs floor'],
    rows,
  };
};

export const coldStartBenchmark: BenchModule = { section: 'coldStart', run };
