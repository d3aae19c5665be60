import { cpus } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../local/parts/dynamodbLocal';
import { benchModules } from './modules';
import { readResults, writeResults } from './results';

/**
 * `npm run bench [-- section...]`: starts its own in-memory DynamoDB Local, runs the selected benchmark
 * modules one after another (never in parallel: they would measure each other), and merges each module's
 * section into bench/results.json and bench/results.md.
 */
const main = async (): Promise<void> => {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !benchModules.some((module) => module.section === name));
  if (unknown.length > 0) throw new Error(`Unknown benchmark section(s): ${unknown.join(', ')}. Known: ${benchModules.map((m) => m.section).join(', ')}.`);
  const selected = wanted.length === 0 ? benchModules : benchModules.filter((module) => wanted.includes(module.section));
  const dynamo = await startDynamoDbLocal();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  const jsonPath = join(__dirname, 'results.json');
  const markdownPath = join(__dirname, 'results.md');
  try {
    for (const module of selected) {
      console.log(`bench: ${module.section} (${cpus().length} CPUs)...`);
      const section = await module.run({ dynamoDbEndpoint: dynamo.endpoint });
      // A run with its data elsewhere (BENCH_DATA_ROOT=/dev/shm) keeps its own section beside the default's.
      const key = process.env.BENCH_DATA_ROOT === undefined ? module.section : `${module.section} (data in ${process.env.BENCH_DATA_ROOT})`;
      const results = { ...readResults(jsonPath), [key]: section };
      writeResults(jsonPath, markdownPath, results);
      console.table(section.rows);
    }
  } finally {
    await dynamo.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
