/**
 * Throughput of the local EventBridge, for the figures quoted in README.md.
 * Run: npx tsx local/eventbridge/measure.ts
 */
import { createServer } from 'node:http';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { freePort } from '../parts/freePort';
import { createEventBridgeHttpHandler } from './http';
import { compileEventPattern } from './pattern';
import { createEventBridgeService } from './service';
import type { LocalRule } from './types';

const event = {
  version: '0', id: '1', 'detail-type': 'ShowPublished', source: 'showrunner.catalog', account: '123456789012',
  time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: ['arn:aws:s3:::media/show-1'],
  detail: { showId: 's-1', price: 300, ip: '10.0.0.7', tags: ['a', 'b', 'c'], file: 'dir/a/b.mp4' },
};
const patterns: unknown[] = [
  { source: ['showrunner.catalog'], 'detail-type': ['ShowPublished'] },
  { source: [{ prefix: 'showrunner.' }], detail: { price: [{ numeric: ['>', 100, '<=', 500] }] } },
  { detail: { ip: [{ cidr: '10.0.0.0/24' }], file: [{ wildcard: 'dir/*.mp4' }] } },
  { $or: [{ source: ['x'] }, { detail: { tags: [{ 'anything-but': ['z'] }] } }] },
];

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString('en');

const measureMatching = () => {
  const matchers = patterns.map(compileEventPattern);
  const rounds = 200_000;
  const start = performance.now();
  let hits = 0;
  for (let i = 0; i < rounds; i++) for (const matches of matchers) if (matches(event)) hits++;
  const ms = performance.now() - start;
  console.log(`pattern matches: ${perSecond(rounds * matchers.length, ms)}/s (${hits} hits, ${patterns.length} mixed patterns)`);
};

/** `count` rules of which `matching` match the measured event; the others differ by source. */
const rules = (count: number, matching: number): LocalRule[] =>
  Array.from({ length: count }, (_, i) => {
    const pattern = patterns[i % patterns.length] as Record<string, unknown>;
    return {
      name: `rule-${i}`,
      eventBusName: 'showrunner',
      eventPattern: i < matching ? pattern : { ...pattern, source: [`other.${i}`] },
      targets: [{ id: 't', arn: 'arn:aws:lambda:us-east-1:123456789012:function:f' }],
    };
  });

const measureInProcess = async (ruleCount: number, matching: number) => {
  let deliveries = 0;
  const service = createEventBridgeService({
    region: 'us-east-1', accountId: '123456789012', buses: ['showrunner'], rules: rules(ruleCount, matching),
    deliver: async () => {
      deliveries++;
    },
  });
  const entry = { EventBusName: 'showrunner', Source: 'showrunner.catalog', DetailType: 'ShowPublished', Detail: JSON.stringify(event.detail) };
  const batches = 5_000;
  const start = performance.now();
  for (let i = 0; i < batches; i++) await service.putEvents(Array.from({ length: 10 }, () => entry));
  await service.idle();
  const ms = performance.now() - start;
  console.log(`in-process PutEvents, ${ruleCount} rules (${matching} match): ${perSecond(batches * 10, ms)} events/s, ${perSecond(deliveries, ms)} deliveries/s`);
};

const measureHttp = async () => {
  const service = createEventBridgeService({
    region: 'us-east-1', accountId: '123456789012', buses: ['showrunner'], rules: rules(20, 2), deliver: async () => undefined,
  });
  const port = await freePort();
  const handler = createEventBridgeHttpHandler(service);
  const server = createServer((request, response) => void handler(request, response));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const client = new EventBridgeClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  const entries = Array.from({ length: 10 }, () => ({ EventBusName: 'showrunner', Source: 'showrunner.catalog', DetailType: 'ShowPublished', Detail: JSON.stringify(event.detail) }));
  for (let i = 0; i < 50; i++) await client.send(new PutEventsCommand({ Entries: entries }));
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < 1_000; i++) {
    const t0 = performance.now();
    await client.send(new PutEventsCommand({ Entries: entries }));
    latencies.push(performance.now() - t0);
  }
  const ms = performance.now() - start;
  await service.idle();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies[Math.floor(q * (latencies.length - 1))] ?? 0).toFixed(2);
  console.log(`SDK PutEvents over HTTP (10 entries, 20 rules of which 2 match, sequential): ${perSecond(1_000, ms)} requests/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
  client.destroy();
  server.close();
};

const main = async () => {
  measureMatching();
  await measureInProcess(20, 2);
  await measureInProcess(200, 2);
  await measureInProcess(20, 20);
  await measureHttp();
};

void main();
