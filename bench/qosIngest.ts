import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalCloud } from '../local/cloud';
import { createLocalIssuer } from '../local/gateway';
import type { BenchModule, BenchSection } from './benchModule';
import { percentile, round } from './measure';

const seconds = Number(process.env.QOS_BENCH_SECONDS ?? 20);
const senders = Number(process.env.QOS_BENCH_SENDERS ?? 16);
const sessionsPerRequest = Number(process.env.QOS_BENCH_SESSIONS_PER_REQUEST ?? 20);
/** Where the stack keeps its data: the default temp dir is on disk here; /dev/shm (tmpfs) takes fsync out. */
const dataRoot = process.env.QOS_BENCH_DATA_ROOT ?? tmpdir();
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Sustained POST /qos/events (sessions of 5 player events: attempt, first frame, two heartbeats, end) through the
 * local API from the real serverless.yml into the playback sessions read model, alert rules evaluated after each
 * projected batch. Lag: every 20th request carries a probe session on a CDN of its own, polled on GET /qos/metrics
 * until it is counted; lag = counted - acknowledged.
 */
export const qosIngestBenchmark: BenchModule = {
  section: 'qosIngest',
  async run(): Promise<BenchSection> {
    const dataDir = join(mkdtempSync(join(dataRoot, 'showrunner-bench-qos-ingest-')), 'data');
    const cloud = await startLocalCloud({ ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir, stage: 'dev', configPath: resolve('serverless.yml') }, () => undefined);
    const authorizer = cloud.service.httpApi.authorizers.cognito;
    const issuer = await createLocalIssuer({ dataDir, issuerUrl: authorizer?.issuerUrl ?? '', audience: authorizer?.audience[0] ?? '' });
    const token = await issuer.mint({ sub: 'bench', groups: ['admin'] });
    const api = cloud.endpoints.api;
    const probes = new Map<string, number>();
    const lags: number[] = [];
    let accepted = 0;
    let requests = 0;
    let errors = 0;
    let counter = 0;
    let warm = true;
    const batch = () => {
      const probe = !warm && requests % 20 === 0 ? `probe-${requests}` : undefined;
      const base = Date.now() - 120_000;
      const events = Array.from({ length: sessionsPerRequest }, (_, s) => {
        counter += 1;
        const sid = `${hex(counter, 8)}-0000-4000-8000-${hex(counter, 12)}`;
        const cdn = probe !== undefined && s === 0 ? probe : `cdn-${counter % 3}`;
        return ['play_attempt', 'first_frame', 'heartbeat', 'heartbeat', 'end'].map((type, seq) => ({
          type, sid, seq, ts: new Date(base + seq * 5000).toISOString(), cid: `show-${counter % 50}`, cdn, country: ['PT', 'ES', 'FR'][counter % 3], br: 3000,
        }));
      }).flat();
      return { events, probe };
    };
    const post = (events: unknown[]) => fetch(`${api}/qos/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
    // Warm: the first requests start the workers (tsx compiles each handler: seconds that are not the path).
    // One first, so the others find tsx's compile cache warm instead of compiling side by side past the init limit.
    await post(batch().events).then((r) => r.arrayBuffer());
    await Promise.all(Array.from({ length: senders }, () => post(batch().events).then((r) => r.arrayBuffer())));
    warm = false;
    const end = performance.now() + seconds * 1000;
    const started = performance.now();
    const send = async () => {
      while (performance.now() < end) {
        const { events, probe } = batch();
        requests += 1;
        const response = await post(events);
        const body = (await response.json()) as { acceptedCount?: number };
        if (response.status !== 200 && errors++ === 0) console.warn(`first non-200: ${response.status} ${JSON.stringify(body)}`);
        accepted += body.acceptedCount ?? 0;
        if (probe !== undefined) probes.set(probe, performance.now());
      }
    };
    let polling = true;
    const poll = async () => {
      while (polling || probes.size > 0) {
        for (const [cdn, ackedAt] of [...probes]) {
          const response = await fetch(`${api}/qos/metrics?dimension=cdn&value=${cdn}`, { headers: { authorization: `Bearer ${token}` } });
          const body = (await response.json()) as { total?: { attempts?: number } };
          if (body.total?.attempts === 1) {
            lags.push(performance.now() - ackedAt);
            probes.delete(cdn);
          } else if (!polling && performance.now() - ackedAt > 120_000) probes.delete(cdn);
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
      title: 'Player QoS: POST /qos/events through the local API into the playback sessions read model',
      measuredAt: new Date().toISOString(),
      environment: `Node ${process.version}, ${cpus().length} CPUs (shared), npm start's stack on the real serverless.yml, data in ${dataRoot}, ${senders} senders, ${sessionsPerRequest} sessions (${sessionsPerRequest * 5} events) a request, ${seconds} s`,
      notes: [
        "The handler appends a request's events as one log item; the stream-fed projector merges them per session, writes the sessions (version-conditional, up to 100 a transaction) and evaluates the four default alert rules for the shows, countries and CDNs touched.",
        'Lag: acknowledged by POST -> counted by GET /qos/metrics, sampled on every 20th request; probes never seen within 120 s count as lost. One request per sender is sent first to start the workers; it is not counted.',
        'Reproduce: npm run bench -- qosIngest (QOS_BENCH_SECONDS, QOS_BENCH_SENDERS, QOS_BENCH_SESSIONS_PER_REQUEST, QOS_BENCH_DATA_ROOT=/dev/shm for tmpfs).',
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
