import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { BenchModule, BenchSection } from './benchModule';
import { benchDataRoot, startBenchStack } from './benchStack';
import { measureWindow, percentile, round } from './measure';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const senders = Number(process.env.BENCH_SENDERS ?? 16);
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Where a POST /sessions/events request spends its time, by taking layers away one at a time on the same stack:
 * the gateway and Lambda worker path alone (a body refused by the handler's parsing, nothing written), then
 * admission of 10 events with nothing to write (all too old), then the full request (one log PutItem), then
 * that PutItem alone from this process straight to DynamoDB Local (no gateway, no worker), then POST
 * /qos/events carrying 100 player events a request (the same one write, ten times the events).
 */
export const qosIngestProfileBenchmark: BenchModule = {
  section: 'qosIngestProfile',
  async run(): Promise<BenchSection> {
    const stack = await startBenchStack('qos-profile');
    const { cloud, api } = stack;
    let counter = 0;
    const ts = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000 - 60_000).toISOString().replace('Z', '123');
    const sessionBatch = (daysAgo: number) =>
      Array.from({ length: 5 }, () => {
        counter += 1;
        const session = `${hex(counter, 8)}-0000-4000-8000-${hex(counter, 12)}`;
        const player = hex(counter % 5000, 32);
        return [
          { event: 'start', country: 'PT', player_id: player, session_id: session, ts: ts(daysAgo) },
          { event: 'end', player_id: player, session_id: session, ts: ts(daysAgo) },
        ];
      }).flat();
    const playerBatch = () =>
      Array.from({ length: 20 }, () => {
        counter += 1;
        const sid = `${hex(counter, 8)}-0000-4000-8000-${hex(counter, 12)}`;
        const base = Date.now() - 120_000;
        return ['play_attempt', 'first_frame', 'heartbeat', 'heartbeat', 'end'].map((type, seq) => ({
          type, sid, seq, ts: new Date(base + seq * 5000).toISOString(), cid: `show-${counter % 50}`, cdn: `cdn-${counter % 3}`, country: 'PT', br: 3000,
        }));
      }).flat();
    const postOk = async (path: string, body: unknown, expected: number, events: number) => {
      const response = await fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await response.arrayBuffer();
      return response.status === expected ? events : 0;
    };
    const dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.service.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const logTable = `showrunner-dev-session-event-log`;
    const sample = JSON.stringify(sessionBatch(0));

    const scenarios: { name: string; unit: number; op: () => Promise<number> }[] = [
      { name: 'gateway + Lambda worker only (400 from body parsing, no write)', unit: 1, op: () => postOk('/sessions/events', [], 400, 1) },
      { name: 'admission of 10 events, nothing to write (all too old)', unit: 10, op: () => postOk('/sessions/events', sessionBatch(400), 200, 10) },
      { name: 'POST /sessions/events, 10 events, one log PutItem', unit: 10, op: () => postOk('/sessions/events', sessionBatch(0), 200, 10) },
      {
        name: 'the log PutItem alone, from this process (streamed table)',
        unit: 10,
        op: async () => {
          await dynamodb.send(new PutItemCommand({ TableName: logTable, Item: { batchId: { S: randomUUID() }, receivedAt: { S: new Date().toISOString() }, facts: { S: sample } } }));
          return 10;
        },
      },
      { name: 'POST /qos/events, 100 player events, one log PutItem', unit: 100, op: () => postOk('/qos/events', playerBatch(), 200, 100) },
    ];
    const rows = [];
    for (const scenario of scenarios) {
      // Warm: the first requests start the function's workers (tsx compiles the handler: seconds, not the path).
      await measureWindow(senders, 3000, scenario.op);
      const window = await measureWindow(senders, seconds * 1000, scenario.op);
      rows.push({
        layer: scenario.name,
        'requests/s': round(window.eventsPerSecond / scenario.unit),
        'events/s': scenario.unit === 1 ? '' : round(window.eventsPerSecond),
        'p50 ms': round(percentile(window.latenciesMs, 50), 1),
        'p99 ms': round(percentile(window.latenciesMs, 99), 1),
      });
      console.log(rows.at(-1));
    }
    await stack.stop();
    return {
      title: 'QoS ingestion profile: where a request spends its time (layers taken away one at a time)',
      measuredAt: new Date().toISOString(),
      environment: `Node ${process.version}, ${cpus().length} CPUs (shared), npm start's stack on the real serverless.yml, data in ${benchDataRoot}, ${senders} senders, ${seconds} s per row`,
      notes: [
        'Each row is measured after 3 s of the same load, so worker cold starts are not in it.',
        'Projectors run in the background during the rows that write; they compete for the same CPUs and DynamoDB Local.',
        'Reproduce: npm run bench -- qosIngestProfile (BENCH_SECONDS, BENCH_SENDERS, BENCH_DATA_ROOT=/dev/shm for tmpfs).',
      ],
      columns: ['layer', 'requests/s', 'events/s', 'p50 ms', 'p99 ms'],
      rows,
    };
  },
};
