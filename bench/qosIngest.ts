import { cpus } from 'node:os';
import { createLocalIssuer } from '../local/gateway';
import type { BenchModule, BenchSection } from './benchModule';
import { benchDataRoot, startBenchStack } from './benchStack';
import { highestRate, ingestColumns, ratesFromEnv, runIngestWindow, warmRoute, type IngestRoute } from './ingestLoad';
import { warmupSeconds } from './measure';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const senders = Number(process.env.BENCH_SENDERS ?? 16);
const sessionsPerRequest = Number(process.env.QOS_BENCH_SESSIONS_PER_REQUEST ?? 20);
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Sustained POST /qos/events (sessions of 5 player events: attempt, first frame, two heartbeats, end) through the
 * local API from the real serverless.yml into the playback sessions read model, alert rules evaluated after each
 * projected batch, one window per offered rate. Lag: every 20th request carries a probe session on a CDN of its
 * own, polled on GET /qos/metrics until it is counted; lag = counted - acknowledged.
 */
export const qosIngestBenchmark: BenchModule = {
  section: 'qosIngest',
  async run(): Promise<BenchSection> {
    const rates = ratesFromEnv('1000,2000,4000,max');
    const stack = await startBenchStack('qos-ingest');
    const authorizer = stack.cloud.service.httpApi.authorizers.cognito;
    const issuer = await createLocalIssuer({ dataDir: stack.dataDir, issuerUrl: authorizer?.issuerUrl ?? '', audience: authorizer?.audience[0] ?? '' });
    const token = await issuer.mint({ sub: 'bench', groups: ['admin'] });
    let counter = 0;
    const route: IngestRoute = {
      eventsPerRequest: sessionsPerRequest * 5,
      batch: (probe) => {
        const base = Date.now() - 120_000;
        return Array.from({ length: sessionsPerRequest }, (_, s) => {
          counter += 1;
          const sid = `${hex(counter, 8)}-0000-4000-8000-${hex(counter, 12)}`;
          const cdn = probe !== undefined && s === 0 ? `probe-${probe}` : `cdn-${counter % 3}`;
          return ['play_attempt', 'first_frame', 'heartbeat', 'heartbeat', 'end'].map((type, seq) => ({
            type, sid, seq, ts: new Date(base + seq * 5000).toISOString(), cid: `show-${counter % 50}`, cdn, country: ['PT', 'ES', 'FR'][counter % 3], br: 3000,
          }));
        }).flat();
      },
      post: (events) => fetch(`${stack.api}/qos/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) }),
      isVisible: async (probe) => {
        const response = await fetch(`${stack.api}/qos/metrics?dimension=cdn&value=probe-${probe}`, { headers: { authorization: `Bearer ${token}` } });
        return ((await response.json()) as { total?: { attempts?: number } }).total?.attempts === 1;
      },
    };
    try {
      await warmRoute(route, senders, highestRate(rates));
      const rows = [];
      for (const rate of rates) {
        rows.push(await runIngestWindow(route, { rate, seconds, senders, probeEvery: 20 }));
        console.log(rows.at(-1));
      }
      return {
        title: 'Player QoS: POST /qos/events through the local API into the playback sessions read model',
        measuredAt: new Date().toISOString(),
        environment: `Node ${process.version}, ${cpus().length} CPUs (shared by the load generator and the whole stack), npm start's stack on the real serverless.yml, data in ${benchDataRoot}, at most ${senders} requests in flight, ${sessionsPerRequest} sessions (${sessionsPerRequest * 5} events) a request, ${seconds} s a window`,
        notes: [
          "The handler appends a request's events as one log item; the stream-fed projector merges them per session, writes the sessions (version-conditional, up to 100 a transaction) and evaluates the default alert rules for the shows, countries and CDNs touched.",
          'Open loop: requests leave on a schedule for the offered rate; one whose time comes while every sender waits for an answer is skipped and counted. "max": every sender sends back to back.',
          `Before the first measured window, ${warmupSeconds} s of unmeasured load at the highest offered rate (BENCH_WARMUP_SECONDS): worker start-up and DynamoDB Local's JIT, which compiles for about a minute.`,
          'Lag: acknowledged by POST -> counted by GET /qos/metrics (polled every 25 ms), sampled on every 20th request; each window waits for its probes before the next starts.',
          'Reproduce: npm run bench -- qosIngest (BENCH_RATES, BENCH_SECONDS, BENCH_SENDERS, QOS_BENCH_SESSIONS_PER_REQUEST, BENCH_DATA_ROOT=/dev/shm for tmpfs).',
        ],
        columns: ingestColumns,
        rows,
      };
    } finally {
      await stack.stop();
    }
  },
};
