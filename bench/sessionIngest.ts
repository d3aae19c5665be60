import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalCloud } from '../local/cloud';
import type { BenchModule, BenchSection } from './benchModule';
import { percentile, round } from './measure';

const seconds = Number(process.env.QOS_BENCH_SECONDS ?? 20);
const senders = Number(process.env.QOS_BENCH_SENDERS ?? 16);
/** Where the stack keeps its data: the default temp dir is on disk here; /dev/shm (tmpfs) takes fsync out. */
const dataRoot = process.env.QOS_BENCH_DATA_ROOT ?? tmpdir();
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Sustained POST /sessions/events (10 events a request: 5 sessions started and ended) through the local API
 * from the real serverless.yml, into the viewer sessions read model. Lag: every 20th request carries one probe
 * player whose session is polled on GET /models/completed-sessions until it shows; lag = seen - acknowledged.
 */
export const sessionIngestBenchmark: BenchModule = {
  section: 'sessionIngest',
  async run(): Promise<BenchSection> {
    const dataDir = join(mkdtempSync(join(dataRoot, 'showrunner-bench-sessions-')), 'data');
    const cloud = await startLocalCloud({ ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir, stage: 'dev', configPath: resolve('serverless.yml') }, () => undefined);
    const api = cloud.endpoints.api;
    const probes = new Map<string, number>();
    const lags: number[] = [];
    let accepted = 0;
    let requests = 0;
    let errors = 0;
    let counter = 0;
    const now = () => new Date(Date.now() - 60_000).toISOString().replace('Z', '123');
    const batch = () => {
      const events: unknown[] = [];
      const probe = requests % 20 === 0;
      for (let s = 0; s < 5; s += 1) {
        counter += 1;
        const player = probe && s === 0 ? `f${hex(counter, 31)}` : hex(counter % 5000, 32);
        const session = `${hex(counter, 8)}-0000-4000-8000-${hex(counter, 12)}`;
        events.push({ event: 'start', country: ['PT', 'ES', 'FR', 'DE'][counter % 4], player_id: player, session_id: session, ts: now() });
        events.push({ event: 'end', player_id: player, session_id: session, ts: now() });
      }
      return { events, probe: probe ? (events[0] as { player_id: string }).player_id : undefined };
    };
    // Warm: the first requests start the workers (tsx compiles each handler: seconds that are not the path).
    // One first, so the others find tsx's compile cache warm instead of compiling side by side past the init limit.
    const warm = () => fetch(`${api}/sessions/events`, { method: 'POST', body: JSON.stringify(batch().events) }).then((r) => r.arrayBuffer());
    await warm();
    await Promise.all(Array.from({ length: senders }, warm));
    await fetch(`${api}/models/completed-sessions/${'0'.repeat(32)}`).then((r) => r.arrayBuffer());
    requests = 0;
    const end = performance.now() + seconds * 1000;
    const started = performance.now();
    const send = async () => {
      while (performance.now() < end) {
        const { events, probe } = batch();
        requests += 1;
        const response = await fetch(`${api}/sessions/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
        const body = (await response.json()) as { acceptedCount?: number };
        if (response.status !== 200 && errors++ === 0) console.warn(`first non-200: ${response.status} ${JSON.stringify(body)}`);
        accepted += body.acceptedCount ?? 0;
        if (probe !== undefined) probes.set(probe, performance.now());
      }
    };
    let polling = true;
    const poll = async () => {
      while (polling || probes.size > 0) {
        for (const [player, ackedAt] of [...probes]) {
          const response = await fetch(`${api}/models/completed-sessions/${player}`);
          const body = (await response.json()) as { count?: number };
          if (body.count === 1) {
            lags.push(performance.now() - ackedAt);
            probes.delete(player);
          } else if (!polling && performance.now() - ackedAt > 120_000) probes.delete(player);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const poller = poll();
    await Promise.all(Array.from({ length: senders }, send));
    const sendMs = performance.now() - started;
    polling = false;
    await poller;
    const drainedMs = performance.now() - started;
    await cloud.stop();
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
    return {
      title: 'Viewer sessions: POST /sessions/events through the local API into the read model',
      measuredAt: new Date().toISOString(),
      environment: `Node ${process.version}, ${cpus().length} CPUs (shared), npm start's stack on the real serverless.yml, data in ${dataRoot}, ${senders} senders, ${seconds} s`,
      notes: [
        'Each request carries 10 events (5 sessions, start and end); the handler appends them as one log item, the stream-fed projector batch-gets, folds and batch-writes the sessions.',
        'Lag: acknowledged by POST -> visible on GET /models/completed-sessions, sampled on every 20th request; probes never seen within 120 s count as lost.',
        'One request per sender is sent first to start the workers; it is not counted.',
        'Reproduce: npm run bench -- sessionIngest (QOS_BENCH_SECONDS, QOS_BENCH_SENDERS, QOS_BENCH_DATA_ROOT=/dev/shm for tmpfs).',
      ],
      columns: ['events/s accepted', 'requests/s', 'non-200', 'lag p50 ms', 'lag p99 ms', 'lag samples', 'probes lost', 'drain after sending ms'],
      rows: [
        {
          'events/s accepted': round(accepted / (sendMs / 1000)),
          'requests/s': round(requests / (sendMs / 1000)),
          'non-200': errors,
          'lag p50 ms': lags.length === 0 ? '' : round(percentile(lags, 50)),
          'lag p99 ms': lags.length === 0 ? '' : round(percentile(lags, 99)),
          'lag samples': lags.length,
          'probes lost': Math.max(0, Math.ceil(requests / 20) - lags.length),
          'drain after sending ms': round(drainedMs - sendMs),
        },
      ],
    };
  },
};
