import { performance } from 'node:perf_hooks';
import { percentile, round, warmupSeconds } from './measure';

/** One ingestion route under load: what a request carries, how it is sent, how a probe is seen in the read model. */
export interface IngestRoute {
  readonly eventsPerRequest: number;
  /** The events of one request; when `probe` (a number unique in the run) is given, one of them carries it so `isVisible(probe)` can find it. */
  batch(probe: number | undefined): readonly unknown[];
  post(events: readonly unknown[]): Promise<Response>;
  isVisible(probe: number): Promise<boolean>;
}

export interface IngestWindow {
  /** Events per second offered on a schedule (open loop), or 'max': every sender sends back to back (closed loop). */
  readonly rate: number | 'max';
  readonly seconds: number;
  /** Requests in flight at most. */
  readonly senders: number;
  readonly probeEvery: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const probeGiveUpMs = 120_000;
// Probe numbers stay unique across the windows of one run, so a late probe of one window is never mistaken for another's.
let nextProbe = 1;

/**
 * Starts the route's workers (the first request compiles the handler, so it goes alone before the others), then
 * runs an unmeasured window at `rate` for warmupSeconds, so the measured windows see a warm stack, not start-up.
 */
export const warmRoute = async (route: IngestRoute, senders: number, rate: number | 'max'): Promise<void> => {
  await route.post(route.batch(undefined)).then((r) => r.arrayBuffer());
  await Promise.all(Array.from({ length: senders }, () => route.post(route.batch(undefined)).then((r) => r.arrayBuffer())));
  if (warmupSeconds > 0) await runIngestWindow(route, { rate, seconds: warmupSeconds, senders, probeEvery: 20 });
};

/** The highest offered rate of a list ('max' above any number): what the warm-up runs at. */
export const highestRate = (rates: readonly (number | 'max')[]): number | 'max' =>
  rates.includes('max') ? 'max' : Math.max(...rates.map((rate) => (rate === 'max' ? 0 : rate)));

/**
 * Sends a window of load and follows every `probeEvery`-th request into the read model: lag = first seen -
 * acknowledged. In open loop a request whose time comes while every sender is busy is skipped and counted: the
 * API did not keep up with the offered rate. Returns one row of figures; waits until the probes are seen (or
 * given up on), so the next window starts from a drained pipeline.
 */
export const runIngestWindow = async (route: IngestRoute, window: IngestWindow): Promise<Record<string, string | number>> => {
  const probes = new Map<number, number>();
  const lags: number[] = [];
  let accepted = 0;
  let requests = 0;
  let probesSent = 0;
  let nonOk = 0;
  let skipped = 0;
  let inFlight = 0;
  const sendOne = async (n: number) => {
    const probe = n % window.probeEvery === 0 ? nextProbe++ : undefined;
    const response = await route.post(route.batch(probe));
    const body = (await response.json().catch(() => ({}))) as { acceptedCount?: number };
    if (response.status !== 200 && nonOk++ === 0) console.warn(`first non-200: ${response.status} ${JSON.stringify(body)}`);
    accepted += body.acceptedCount ?? 0;
    if (probe !== undefined && response.status === 200) {
      probesSent += 1;
      probes.set(probe, performance.now());
    }
  };
  const started = performance.now();
  const end = started + window.seconds * 1000;
  let sending = true;
  const poller = (async () => {
    while (sending || probes.size > 0) {
      for (const [probe, ackedAt] of [...probes]) {
        if (await route.isVisible(probe).catch(() => false)) {
          lags.push(performance.now() - ackedAt);
          probes.delete(probe);
        } else if (!sending && performance.now() - ackedAt > probeGiveUpMs) probes.delete(probe);
      }
      await sleep(25);
    }
  })();
  if (window.rate === 'max') {
    await Promise.all(
      Array.from({ length: window.senders }, async () => {
        while (performance.now() < end) await sendOne(requests++);
      }),
    );
  } else {
    const requestsPerSecond = window.rate / route.eventsPerRequest;
    const running: Promise<void>[] = [];
    for (let n = 0; ; n += 1) {
      const due = started + (n * 1000) / requestsPerSecond;
      if (due >= end) break;
      if (due > performance.now()) await sleep(due - performance.now());
      if (inFlight >= window.senders) {
        skipped += 1;
        continue;
      }
      inFlight += 1;
      running.push(sendOne(requests++).finally(() => (inFlight -= 1)));
    }
    await Promise.all(running);
  }
  const sendMs = performance.now() - started;
  sending = false;
  await poller;
  const drainMs = performance.now() - started - sendMs;
  return {
    offered: window.rate === 'max' ? `max (${window.senders} senders back to back)` : `${window.rate} events/s`,
    'events/s accepted': round(accepted / (sendMs / 1000)),
    'requests/s': round(requests / (sendMs / 1000)),
    'skipped (API busy)': skipped,
    'non-200': nonOk,
    'lag p50 ms': lags.length === 0 ? '' : round(percentile(lags, 50)),
    'lag p99 ms': lags.length === 0 ? '' : round(percentile(lags, 99)),
    'lag samples': lags.length,
    'probes lost': probesSent - lags.length,
    'drain after sending ms': round(drainMs),
  };
};

export const ingestColumns = ['offered', 'events/s accepted', 'requests/s', 'skipped (API busy)', 'non-200', 'lag p50 ms', 'lag p99 ms', 'lag samples', 'probes lost', 'drain after sending ms'];

/** BENCH_RATES=500,1000,2000,max: the windows a benchmark runs, in order. */
export const ratesFromEnv = (fallback: string): (number | 'max')[] =>
  (process.env.BENCH_RATES ?? fallback).split(',').map((rate) => {
    if (rate.trim() === 'max') return 'max';
    const value = Number(rate);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`BENCH_RATES: '${rate}' is neither a positive number of events/s nor 'max'`);
    return value;
  });
