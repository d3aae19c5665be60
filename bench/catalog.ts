import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { createDynamoDbEventStore } from '../adapters/eventstore';
import { toCatalogItem } from '../adapters/projections';
import { publishCommands, runShowCommands } from '../adapters/projections/testing/showLifecycle';
import type { CatalogEntry } from '../domain/catalog';
import { executeShowCommand } from '../functions/shows/showCommands';
import { localCredentials } from '../local/cloud';
import type { BenchModule, BenchSection } from './benchModule';
import { benchDataRoot, startBenchStack } from './benchStack';
import { measureWindow, percentile, round, warmupSeconds } from './measure';

// The issue's rate, and one below this machine's ceiling to show the lag where the stack keeps up.
const lagRates = (process.env.BENCH_RATES ?? '40,200').split(',').map(Number);
const lagSeconds = Number(process.env.BENCH_CATALOG_SECONDS ?? 20);
// One command in flight per show, so the load measures appends, not version conflicts between its own writers.
const shows = 64;
// About 4 probes a second whatever the rate: enough samples for a p99 at low rates, little polling at high ones.
const probesPerSecond = 4;
const readConnections = 64;
const readWindowMs = 10_000;
const listedShows = 500;
const probePollMs = 25;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One GET /shows/{showId}: does it show `version` (or later) yet? */
const isVisible = async (api: string, showId: string, version: number): Promise<boolean> => {
  try {
    const response = await fetch(`${api}/shows/${showId}`);
    if (response.status === 200) return ((await response.json()) as { version: number }).version >= version;
    await response.arrayBuffer();
  } catch {
    // A reset connection under load is a failed poll, not a failed benchmark: poll again.
  }
  return false;
};

/** Polls GET /shows/{showId} until it shows `version` (or later). */
const waitUntilVisible = async (api: string, showId: string, version: number, giveUpAt: number): Promise<void> => {
  while (performance.now() < giveUpAt && !(await isVisible(api, showId, version))) await sleep(probePollMs);
};

const entry = (i: number): CatalogEntry => ({
  showId: `listed-${i}`,
  creatorId: 'bench',
  title: `Listed show ${i}`,
  description: 'A show seeded straight into the read model for the read benchmark',
  genre: ['drama', 'comedy', 'news'][i % 3] ?? 'drama',
  language: 'en',
  status: 'published',
  visibility: 'public',
  stage: null,
  problem: null,
  transcodeId: null,
  premium: false,
  playback: [{ format: 'hls', url: `https://cdn.example.com/${i}/index.m3u8` }],
  thumbnailUrls: [`https://cdn.example.com/${i}/0001.jpg`],
  captions: [],
  draftedAt: '2026-01-01T00:00:00.000Z',
  publishedAt: `2026-02-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`,
  updatedAt: '2026-02-01T00:00:00.000Z',
  version: 10,
});

const windowSchema = z.object({ eventsPerSecond: z.number(), latenciesMs: z.array(z.number()) });

/** The handler in-process, in a child started as the local Lambda workers are (ESM-only middy needs the import condition). */
const inProcessReads = async (dynamodb: string, region: string) => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=import', '--import', pathToFileURL(require.resolve('tsx')).href, join(__dirname, 'catalogInProcess.ts')], {
    env: { ...process.env, BENCH_DYNAMODB: dynamodb, BENCH_REGION: region, BENCH_CONNECTIONS: String(readConnections), BENCH_WINDOW_MS: String(readWindowMs) },
    maxBuffer: 64 * 1024 * 1024,
  });
  return windowSchema.parse(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'));
};

const run = async (): Promise<BenchSection> => {
  const stack = await startBenchStack('catalog', 'bench');
  const { cloud, api } = stack;
  const client = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.service.region, credentials: localCredentials });
  const store = createDynamoDbEventStore({ client, tables: { events: 'showrunner-bench-events', snapshots: 'showrunner-bench-snapshots' } });
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    // Published shows whose metadata the load then changes, each change one event.
    const ids = Array.from({ length: shows }, (_, i) => `lag-${i}`);
    await Promise.all(ids.map((showId) => runShowCommands(store, publishCommands({ showId }))));
    const giveUp = performance.now() + 60_000;
    await Promise.all(ids.map((showId) => waitUntilVisible(api, showId, 10, giveUp)));

    /** One window of UpdateShowMetadata commands at `targetRate` events/s, its lag probes followed to the end. */
    let windows = 0;
    const lagWindow = async (targetRate: number, seconds = lagSeconds) => {
      windows += 1;
      // Command ids unique per window: a repeated id would be answered from the store's idempotency, not appended.
      const idPrefix = `bench-w${windows}`;
      const lagFromAck: number[] = [];
      const lagFromStart: number[] = [];
      const commandMs: number[] = [];
      // One poller for every probe, one request at a time: the measuring must not load the stack it measures.
      let probes: { showId: string; version: number; ackAt: number; commandStart: number }[] = [];
      let sending = true;
      const poller = (async () => {
        while (sending || probes.length > 0) {
          const round = probes;
          probes = [];
          for (const probe of round) {
            if (await isVisible(api, probe.showId, probe.version)) {
              const seenAt = performance.now();
              lagFromAck.push(seenAt - probe.ackAt);
              lagFromStart.push(seenAt - probe.commandStart);
            } else if (sending || performance.now() - probe.ackAt < 30_000) probes.push(probe);
          }
          await sleep(probePollMs);
        }
      })();
      let appended = 0;
      let inFlight = 0;
      let skipped = 0;
      const busy = new Set<number>();
      const started = performance.now();
      const end = started + seconds * 1000;
      for (let n = 0; performance.now() < end; n += 1) {
        const due = started + (n * 1000) / targetRate;
        if (due > performance.now()) await sleep(due - performance.now());
        // Open loop with a cap: if the store falls behind the schedule, count the events it could not take.
        const slot = Array.from({ length: shows }, (_, i) => (n + i) % shows).find((candidate) => !busy.has(candidate));
        const showId = slot === undefined ? undefined : ids[slot];
        if (slot === undefined || showId === undefined) {
          skipped += 1;
          continue;
        }
        busy.add(slot);
        inFlight += 1;
        const commandStart = performance.now();
        const command = executeShowCommand(
          store,
          { type: 'UpdateShowMetadata', showId, now: new Date().toISOString(), actor: { id: 'bench', kind: 'user' }, title: `Title ${n}` },
          { commandId: `${idPrefix}-${n}`, correlationId: `${idPrefix}-${n}`, actor: { id: 'bench', kind: 'user' } },
        ).then((handled) => {
          inFlight -= 1;
          busy.delete(slot);
          appended += handled.events.length;
          const ackAt = performance.now();
          commandMs.push(ackAt - commandStart);
          if (n % Math.max(1, Math.round(targetRate / probesPerSecond)) === 0) probes.push({ showId, version: handled.nextExpectedVersion, ackAt, commandStart });
        });
        void command.catch(() => {
          inFlight -= 1;
          busy.delete(slot);
        });
      }
      while (inFlight > 0) await sleep(10);
      const achievedRate = (appended * 1000) / (performance.now() - started);
      sending = false;
      await poller;
      return [
        { measure: `${targetRate} events/s offered: projection lag, append acknowledged -> visible`, value: `${lagFromAck.length} probes`, 'p50 ms': round(percentile(lagFromAck, 50)), 'p99 ms': round(percentile(lagFromAck, 99)) },
        { measure: `${targetRate} events/s offered: projection lag, command sent -> visible`, value: `${lagFromStart.length} probes`, 'p50 ms': round(percentile(lagFromStart, 50)), 'p99 ms': round(percentile(lagFromStart, 99)) },
        { measure: `${targetRate} events/s offered: show command (load, decide, append)`, value: `${round(achievedRate)} events/s, ${skipped} skipped`, 'p50 ms': round(percentile(commandMs, 50)), 'p99 ms': round(percentile(commandMs, 99)) },
      ];
    };
    // Not measured: workers, JIT and caches warm up on a first window at the highest rate (its probes are
    // followed to the end, so the measured windows start with the projector caught up).
    await lagWindow(Math.max(...lagRates), warmupSeconds);
    const lagRows = [];
    for (const rate of lagRates) lagRows.push(...(await lagWindow(rate)));

    // GET /shows: the same page through the local API and straight into the handler.
    for (let i = 0; i < listedShows; i += 1) await db.send(new PutCommand({ TableName: 'showrunner-bench-catalog', Item: toCatalogItem(1, entry(i)) }));
    // Warm-up, not measured: the local runtime starts up to 16 workers per function, each compiling the handler.
    await measureWindow(readConnections, 5_000, async () => {
      await fetch(`${api}/shows?limit=20`).then((response) => response.arrayBuffer(), () => undefined);
      return 1;
    });
    const failures = new Map<string, number>();
    const viaHttp = await measureWindow(readConnections, readWindowMs, async () => {
      const answer = await fetch(`${api}/shows?limit=20`).then(
        async (response) => ({ status: response.status, body: await response.text() }),
        (error: unknown) => ({ status: 0, body: String(error) }),
      );
      if (answer.status === 200) return 1;
      // Counted, not thrown: under this load the local stack may time a worker out; the figure says how often.
      const key = `${answer.status} ${answer.body.slice(0, 120)}`;
      failures.set(key, (failures.get(key) ?? 0) + 1);
      return 0;
    });
    const inProcess = await inProcessReads(cloud.endpoints.dynamodb, cloud.service.region);

    return {
      title: 'Catalogue: projection lag and GET /shows (`catalog`)',
      measuredAt: new Date().toISOString(),
      environment: `local cloud from serverless.yml (stage bench), data in ${benchDataRoot}, Node ${process.version}, ${cpus().length} CPUs shared with the load generator`,
      notes: [
        `Lag: UpdateShowMetadata commands (load, decide, append through the event store) offered at ${lagRates.join(' and ')} events/s for ${lagSeconds} s each, over ${shows} published shows, at most one command in flight per show; about ${probesPerSecond} events a second followed in GET /shows/{showId} until its version shows, by one poller that checks the pending probes one request at a time in ${probePollMs} ms rounds (so measuring adds little load).`,
        `The measured windows follow an unmeasured ${warmupSeconds} s window at the highest rate (worker start-up, DynamoDB Local's JIT), whose probes are all seen before measuring starts. A scheduled command is skipped (counted) when every show already has one in flight: the store fell behind the offered rate.`,
        'Reproduce: npm run bench -- catalog (BENCH_RATES=40,200, BENCH_CATALOG_SECONDS, BENCH_WARMUP_SECONDS, BENCH_DATA_ROOT=/dev/shm for tmpfs).',
        'Path measured: append -> DynamoDB Local stream -> local stream poller (Lambda semantics) -> projector worker -> gated Put -> GET through the local API gateway and its worker.',
        `GET /shows answers other than 200 through the local API: ${failures.size === 0 ? 'none' : [...failures].map(([what, count]) => `${count} x ${what}`).join('; ')}.`,
        `GET /shows?limit=20 over ${listedShows} published shows: ${readConnections} concurrent loops for ${readWindowMs / 1000} s through the local HTTP API, then the same handler called in-process against the same DynamoDB Local.`,
      ],
      columns: ['measure', 'value', 'p50 ms', 'p99 ms'],
      rows: [
        ...lagRows,
        { measure: 'GET /shows via local HTTP API', value: `${round(viaHttp.eventsPerSecond)} req/s`, 'p50 ms': round(percentile(viaHttp.latenciesMs, 50), 1), 'p99 ms': round(percentile(viaHttp.latenciesMs, 99), 1) },
        { measure: 'GET /shows handler in-process', value: `${round(inProcess.eventsPerSecond)} req/s`, 'p50 ms': round(percentile(inProcess.latenciesMs, 50), 1), 'p99 ms': round(percentile(inProcess.latenciesMs, 99), 1) },
        { measure: 'HTTP API / in-process throughput', value: round(viaHttp.eventsPerSecond / inProcess.eventsPerSecond, 2), 'p50 ms': '', 'p99 ms': '' },
      ],
    };
  } finally {
    client.destroy();
    await stack.stop();
  }
};

export const catalogBenchmark: BenchModule = { section: 'catalog', run };
