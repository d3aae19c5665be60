import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadServerlessConfig } from '../local/config';
import { startHttpApiGateway } from '../local/gateway';
import { plain } from '../local/gateway/fixtures/handlers';
import { createLambdaRuntime, type RunnableFunction } from '../local/lambda';
import type { BenchModule, BenchSection } from './benchModule';
import { measureWindow, median, percentile, round } from './measure';

/**
 * What the local cloud adds on the request path: loading serverless.yml, a function's cold start in a worker,
 * a warm invoke through the worker, and the gateway's HTTP hop, each against the handler called in-process.
 */

const windowMs = Number(process.env.BENCH_WINDOW_MS ?? 3_000);
const repoDir = join(__dirname, '..');

const plainFunction: RunnableFunction = {
  key: 'plain',
  name: 'bench-plain',
  handler: { file: join(repoDir, 'local', 'gateway', 'fixtures', 'handlers.ts'), export: 'plain' },
  environment: {},
  timeoutSeconds: 10,
  memorySize: 128,
};

const timeIt = async (times: number, operation: () => Promise<unknown>): Promise<number[]> => {
  const samples: number[] = [];
  for (let index = 0; index < times; index += 1) {
    const started = performance.now();
    await operation();
    samples.push(performance.now() - started);
  }
  return samples;
};

const row = (scenario: string, variant: string, latenciesMs: readonly number[], perSecond?: number) => ({
  scenario,
  variant,
  'ops/s': perSecond === undefined ? '' : round(perSecond),
  'p50 ms': round(median(latenciesMs), 2),
  'p99 ms': round(percentile(latenciesMs, 99), 2),
  'max ms': round(latenciesMs.reduce((max, value) => Math.max(max, value), 0), 2),
  samples: latenciesMs.length,
});

const configRows = async () => {
  const yaml = await timeIt(10, () => loadServerlessConfig({ serviceDir: repoDir }));
  const framework = await timeIt(3, () => loadServerlessConfig({ serviceDir: repoDir, resolver: 'framework' }));
  return [row('load serverless.yml', 'in-process variable resolver (yaml)', yaml), row('load serverless.yml', 'serverless print (osls)', framework)];
};

const invokeRows = async () => {
  const coldSamples: number[] = [];
  for (let index = 0; index < 3; index += 1) {
    const cold = createLambdaRuntime({ functions: [plainFunction] });
    coldSamples.push(...(await timeIt(1, () => cold.invoke('plain', {}))));
    await cold.stop();
  }
  // The hops are measured on a trivial handler so they are not hidden behind handler work.
  const lambda = createLambdaRuntime({ functions: [plainFunction] });
  // Warm every worker the concurrent rows will use, so no cold start lands inside a window.
  await Promise.all(Array.from({ length: 8 }, () => lambda.invoke('plain', {})));
  const gateway = await startHttpApiGateway({
    port: 0,
    routes: [{ method: 'GET', path: '/plain', functionKey: 'plain' }],
    cors: null,
    authorizers: {},
    invoke: (key, event) => lambda.invoke(key, event),
  });
  const event = { rawPath: '/plain' };
  try {
    const direct = await measureWindow(1, windowMs, async () => {
      await plain();
      return 1;
    });
    const worker = await measureWindow(1, windowMs, async () => {
      await lambda.invoke('plain', event);
      return 1;
    });
    const http = await measureWindow(1, windowMs, async () => {
      await (await fetch(`${gateway.url}/plain`)).text();
      return 1;
    });
    const http8 = await measureWindow(8, windowMs, async () => {
      await (await fetch(`${gateway.url}/plain`)).text();
      return 1;
    });
    return [
      row('trivial handler', 'cold start: new worker + tsx + module load + first invoke', coldSamples),
      row('trivial handler', 'in-process call (floor)', direct.latenciesMs, direct.eventsPerSecond),
      row('trivial handler', 'warm invoke through its worker', worker.latenciesMs, worker.eventsPerSecond),
      row('trivial handler', 'GET through the gateway, 1 client', http.latenciesMs, http.eventsPerSecond),
      row('trivial handler', 'GET through the gateway, 8 clients (up to 4 workers)', http8.latenciesMs, http8.eventsPerSecond),
    ];
  } finally {
    await gateway.stop();
    await lambda.stop();
  }
};

export const run = async (): Promise<BenchSection> => {
  const rows = [...(await configRows()), ...(await invokeRows())];
  return {
    title: 'Local API: config load, Lambda workers, HTTP gateway',
    measuredAt: new Date().toISOString(),
    environment: `Node ${process.version}, ${cpus().length} CPUs, windows of ${windowMs} ms, handler: local/gateway/fixtures/handlers.ts plain`,
    notes: [
      'The gateway row minus the worker row is the HTTP hop (node fetch, keep-alive, JSON event build, result mapping); the worker row minus the in-process row is the thread hop (postMessage, JSON copy).',
      'Cold start is a fresh worker loading tsx and compiling the handler; a real handler adds its own imports (middy, SDK clients).',
    ],
    columns: ['scenario', 'variant', 'ops/s', 'p50 ms', 'p99 ms', 'max ms', 'samples'],
    rows,
  };
};

export const gatewayBenchmark: BenchModule = { section: 'gateway', run };
