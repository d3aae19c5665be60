import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { hmacHex, paymentSignatureValid } from '../domain/payments';
import { startLocalCloud } from '../local/cloud';
import type { BenchModule, BenchSection } from './benchModule';
import { median, percentile, round } from './measure';

/**
 * Accounts and payments on the local cloud started from the real serverless.yml: what a sign-in costs (bcrypt in
 * the local Cognito, two tokens signed), a whole purchase (order at the gateway, checkout, confirmation with its
 * HMAC and append), a repeated confirmation (idempotent), and a forged webhook's rejection; plus the HMAC alone.
 */

const samples = Number(process.env.BENCH_PREMIUM_SAMPLES ?? 31);

/** The first call of a route starts its Lambda worker (a cold start); the rest are warm and make the percentiles. */
const row = (scenario: string, [first, ...latenciesMs]: readonly number[]) => ({
  scenario,
  'first call ms': round(first ?? Number.NaN),
  'p50 ms': round(median(latenciesMs), 2),
  'p99 ms': round(percentile(latenciesMs, 99), 2),
  'max ms': round(latenciesMs.reduce((max, value) => Math.max(max, value), 0), 2),
  samples: latenciesMs.length,
});

const timeIt = async (times: number, operation: (index: number) => Promise<void>): Promise<number[]> => {
  const latencies: number[] = [];
  for (let index = 0; index < times; index += 1) {
    const started = performance.now();
    await operation(index);
    latencies.push(performance.now() - started);
  }
  return latencies;
};

class BenchStepError extends Error {
  constructor(step: string, status: number, body: string) {
    super(`${step} answered ${status}: ${body}`);
    this.name = 'BenchStepError';
  }
}

const post = async (url: string, body: unknown, token?: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Record<string, string> };
};

const expectStatus = async (step: string, expected: number, call: Promise<{ status: number; body: Record<string, string> }>) => {
  const answer = await call;
  if (answer.status !== expected) throw new BenchStepError(step, answer.status, JSON.stringify(answer.body));
  return answer.body;
};

export const premiumBenchmark: BenchModule = {
  section: 'premium',
  run: async (): Promise<BenchSection> => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'showrunner-bench-premium-')), 'data');
    const cloud = await startLocalCloud({ ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir, stage: 'dev', configPath: resolve('serverless.yml') }, () => undefined);
    try {
      const api = cloud.endpoints.api;
      const credentials = { email: 'bench@example.com', password: 'Bench-password-1' };
      await expectStatus('register', 202, post(`${api}/auth/register`, credentials));
      const login = await timeIt(samples, async () => void (await expectStatus('login', 200, post(`${api}/auth/login`, credentials))));
      const token = (await expectStatus('login', 200, post(`${api}/auth/login`, credentials))).accessToken ?? '';

      const confirmations: Record<string, string>[] = [];
      const purchase = await timeIt(samples, async () => {
        const order = await expectStatus('order', 201, post(`${api}/premium/orders`, { months: 1 }, token));
        const paid = await expectStatus('checkout', 200, post(`${cloud.paymentGateway}/checkout/${order.orderId ?? ''}/pay`, { notify: false }));
        await expectStatus('confirm', 200, post(`${api}/premium/confirm`, paid, token));
        confirmations.push(paid);
      });
      const repeat = await timeIt(samples, async (index) => void (await expectStatus('repeat confirm', 200, post(`${api}/premium/confirm`, confirmations[index % confirmations.length], token))));
      const forged = await timeIt(samples, async () => {
        await expectStatus('forged webhook', 400, post(`${api}/webhooks/razorpay`, '{"event":"payment.captured"}', undefined, { 'x-razorpay-signature': hmacHex('wrong', 'x'), 'x-razorpay-event-id': 'evt_forged' }));
      });

      const hmacCount = 100_000;
      const signature = hmacHex('key-secret-for-bench', 'order_A|pay_1');
      const started = performance.now();
      for (let i = 0; i < hmacCount; i += 1) paymentSignatureValid({ keySecret: 'key-secret-for-bench', orderId: 'order_A', paymentId: 'pay_1', signature });
      const hmacPerSecond = (hmacCount * 1000) / (performance.now() - started);

      return {
        title: 'Accounts and premium payments through the local cloud (real serverless.yml)',
        measuredAt: new Date().toISOString(),
        environment: `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`,
        notes: [
          'Sequential requests from one client through the local HTTP API; the first call of each route includes its Lambda cold start, the percentiles are over the warm calls after it.',
          'login: USER_PASSWORD_AUTH against the local Cognito (bcryptjs cost 10, pure JS) and two RS256 tokens signed.',
          'purchase: POST /premium/orders (gateway order + append) -> simulator checkout -> POST /premium/confirm (HMAC, append 2 events, reload).',
          `checkout signature check in-process: ${round(hmacPerSecond)} verifications/s.`,
        ],
        columns: ['scenario', 'first call ms', 'p50 ms', 'p99 ms', 'max ms', 'samples'],
        rows: [
          row('POST /auth/login', login),
          row('purchase: order + checkout + confirm', purchase),
          row('POST /premium/confirm again (idempotent)', repeat),
          row('POST /webhooks/razorpay, forged signature', forged),
        ],
      };
    } finally {
      await cloud.stop();
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    }
  },
};
