import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { BenchModule, BenchSection } from './benchModule';

const answerSchema = z.object({
  seeded: z.object({ items: z.number(), seconds: z.number() }),
  rows: z.array(z.object({ panel: z.string(), requests: z.number(), 'p50 ms': z.number(), 'p99 ms': z.number() })),
});

/**
 * The NOC dashboard's API per panel over 30 days of rollups for 100 shows x 20 countries (bench/nocDashboardInProcess.ts
 * seeds them straight into the table and calls the handlers in-process, one request at a time). Page time to all
 * plots drawn: bench/nocDashboardPage.ts (section nocDashboardPage).
 */
export const nocDashboardBenchmark: BenchModule = {
  section: 'nocDashboard',
  run: async ({ dynamoDbEndpoint }): Promise<BenchSection> => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=import', '--import', pathToFileURL(require.resolve('tsx')).href, join(__dirname, 'nocDashboardInProcess.ts')], {
      env: { ...process.env, BENCH_DYNAMODB: dynamoDbEndpoint, BENCH_REGION: process.env.AWS_REGION ?? 'eu-west-1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const answer = answerSchema.parse(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'));
    return {
      title: 'NOC dashboard API per panel: 30 days of rollups, 100 shows x 20 countries (in-process handlers, DynamoDB Local)',
      measuredAt: new Date().toISOString(),
      environment: `${process.platform} ${process.arch}, Node ${process.version}`,
      notes: [
        `${answer.seeded.items} rollup items seeded straight into the table in ${answer.seeded.seconds.toFixed(1)} s: "all", per show and per country, weekly, daily and hourly for 31 days, 5-minute for the last day and around 30 days back`,
        'series: one Query on the series key (summed into <= 288 points); worst: one Query on byRank per covering period (whole ISO weeks, days, hours, 5-minute edges: 30 periods for 30 days to 12:00 on a Tuesday, 41 to 11:37, 43 on average over a week of end times and at most 47; before weekly periods 54, 65, 63 and 65)',
      ],
      columns: ['panel', 'requests', 'p50 ms', 'p99 ms'],
      rows: answer.rows,
    };
  },
};
