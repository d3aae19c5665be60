import { cpus } from 'node:os';
import type { BenchModule, BenchSection } from './benchModule';
import { benchDataRoot, startBenchStack } from './benchStack';
import { highestRate, ingestColumns, ratesFromEnv, runIngestWindow, warmRoute, type IngestRoute } from './ingestLoad';
import { warmupSeconds } from './measure';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const senders = Number(process.env.BENCH_SENDERS ?? 32);
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Sustained POST /sessions/events (10 events a request, the most the route takes: 5 sessions started and ended)
 * through the local API from the real serverless.yml, into the viewer sessions read model, one window per
 * offered rate. Lag: every 20th request carries one probe player whose session is polled on
 * GET /models/completed-sessions until it shows; lag = seen - acknowledged.
 */
export const sessionIngestBenchmark: BenchModule = {
  section: 'sessionIngest',
  async run(): Promise<BenchSection> {
    const rates = ratesFromEnv('500,1000,1500,2000,max');
    const stack = await startBenchStack('sessions');
    let counter = 0;
    const now = () => new Date(Date.now() - 60_000).toISOString().replace('Z', '123');
    const probePlayer = (probe: number) => `f${hex(probe, 31)}`;
    const route: IngestRoute = {
      eventsPerRequest: 10,
      batch: (probe) =>
        Array.from({ length: 5 }, (_, s) => {
          counter += 1;
          const player = probe !== undefined && s === 0 ? probePlayer(probe) : hex(counter % 5000, 32);
          const session = `${hex(counter, 8)}-0000-4000-8000-${hex(counter, 12)}`;
          return [
            { event: 'start', country: ['PT', 'ES', 'FR', 'DE'][counter % 4], player_id: player, session_id: session, ts: now() },
            { event: 'end', player_id: player, session_id: session, ts: now() },
          ];
        }).flat(),
      post: (events) => fetch(`${stack.api}/sessions/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) }),
      isVisible: async (probe) => {
        const response = await fetch(`${stack.api}/models/completed-sessions/${probePlayer(probe)}`);
        return ((await response.json()) as { count?: number }).count === 1;
      },
    };
    try {
      await warmRoute(route, senders, highestRate(rates));
      await fetch(`${stack.api}/models/completed-sessions/${'0'.repeat(32)}`).then((r) => r.arrayBuffer());
      const rows = [];
      for (const rate of rates) {
        rows.push(await runIngestWindow(route, { rate, seconds, senders, probeEvery: 20 }));
        console.log(rows.at(-1));
      }
      return {
        title: 'Viewer sessions: POST /sessions/events through the local API into the read model',
        measuredAt: new Date().toISOString(),
        environment: `Node ${process.version}, ${cpus().length} CPUs (shared by the load generator and the whole stack), npm start's stack on the real serverless.yml, data in ${benchDataRoot}, at most ${senders} requests in flight, ${seconds} s a window`,
        notes: [
          'Each request carries 10 events (5 sessions, start and end); the handler appends them as one log item, the stream-fed projector batch-gets, folds and writes the sessions (version-conditional, up to 100 a transaction).',
          'Open loop: requests leave on a schedule for the offered rate; one whose time comes while every sender waits for an answer is skipped and counted. "max": every sender sends back to back.',
          `Before the first measured window, ${warmupSeconds} s of unmeasured load at the highest offered rate (BENCH_WARMUP_SECONDS): worker start-up and DynamoDB Local's JIT, which compiles for about a minute.`,
          'Lag: acknowledged by POST -> visible on GET /models/completed-sessions (polled every 25 ms), sampled on every 20th request; each window waits for its probes before the next starts.',
          'Reproduce: npm run bench -- sessionIngest (BENCH_RATES=500,1000,max, BENCH_SECONDS, BENCH_SENDERS, BENCH_DATA_ROOT=/dev/shm for tmpfs).',
        ],
        columns: ingestColumns,
        rows,
      };
    } finally {
      await stack.stop();
    }
  },
};
