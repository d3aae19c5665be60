import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { localCredentials, startLocalCloud } from '../local/cloud';
import type { BenchModule, BenchSection } from './benchModule';
import { percentile, round } from './measure';

const events = Number(process.env.BENCH_DELIVERY_EVENTS ?? 300);
const ratePerSecond = 50;

/**
 * PutEvents through the AWS SDK over HTTP -> the local bus -> rule match -> the target function's handler
 * starting in its warm worker. The fixture handler stamps the time it started in the key it writes, and the
 * detail carries the time the PutEvents call began: both clocks are this machine's.
 */
const run = async (): Promise<BenchSection> => {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-delivery-'));
  const cloud = await startLocalCloud(
    { ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir: join(workDir, 'data'), stage: 'bench', configPath: join(__dirname, '..', 'local', 'fixtures', 'e2e', 'serverless.yml') },
    () => undefined,
  );
  const client = new EventBridgeClient({ endpoint: cloud.endpoints.eventbridge, region: cloud.service.region, credentials: localCredentials });
  const dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.service.region, credentials: localCredentials });
  try {
    const put = (n: number) =>
      client.send(
        new PutEventsCommand({
          Entries: [{ EventBusName: 'e2e-bus', Source: 'showrunner.catalog', DetailType: 'ShowDrafted', Detail: JSON.stringify({ n, sentAt: Date.now() }) }],
        }),
      );
    await put(-1); // the target's cold start is not what this measures
    await cloud.eventBridge.idle();
    for (let n = 0; n < events; n += 1) {
      await put(n);
      await new Promise((r) => setTimeout(r, 1000 / ratePerSecond));
    }
    await cloud.eventBridge.idle();
    const items = [];
    let start: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
    do {
      const page = await dynamodb.send(
        new QueryCommand({ TableName: 'e2e-invocations', KeyConditionExpression: 'recorder = :r', ExpressionAttributeValues: { ':r': { S: 'draftedRecorder' } }, ExclusiveStartKey: start }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    const latencies = items.flatMap((item) => {
      const receivedAt = Number(item.seq?.S?.split('-')[0]);
      const detail = (JSON.parse(item.payload?.S ?? '{}') as { detail?: { n?: number; sentAt?: number } }).detail;
      return detail?.n !== undefined && detail.n >= 0 && detail.sentAt !== undefined ? [receivedAt - detail.sentAt] : [];
    });
    return {
      title: 'Local EventBridge: PutEvents -> target handler invoked (`eventDelivery`)',
      measuredAt: new Date().toISOString(),
      environment: `local cloud from local/fixtures/e2e/serverless.yml, Node ${process.version}, ${cpus().length} CPUs; ${events} events at ${ratePerSecond}/s, one matching rule, warm worker`,
      notes: [
        'Latency runs from just before the SDK PutEvents call to the handler\'s first line (millisecond clocks of one machine).',
        'It includes the HTTP round trip to the edge port, entry validation, rule matching, the delivery queue and the hop into the worker thread.',
        'When a delivery arrives while the warm worker is busy, the runtime starts another worker (up to 4 per function), as Lambda scales out: those deliveries pay a cold start (hundreds of ms), which is what the tail shows.',
      ],
      columns: ['what', 'delivered', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'over 100 ms'],
      rows: [
        {
          what: 'PutEvents -> target invoked',
          delivered: `${latencies.length}/${events}`,
          'p50 ms': round(percentile(latencies, 50), 1),
          'p90 ms': round(percentile(latencies, 90), 1),
          'p99 ms': round(percentile(latencies, 99), 1),
          'max ms': round(Math.max(...latencies), 1),
          'over 100 ms': latencies.filter((ms) => ms > 100).length,
        },
      ],
    };
  } finally {
    client.destroy();
    dynamodb.destroy();
    await cloud.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
};

export const eventDeliveryBenchmark: BenchModule = { section: 'eventDelivery', run };
