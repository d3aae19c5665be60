import { mkdirSync } from 'node:fs';
import type { LocalQueue } from '../config';

export interface LocalSqsOptions {
  /** Where queues and messages are kept (SQLite, each change written before it is acknowledged). */
  readonly dataDir: string;
  readonly region: string;
  readonly accountId: string;
  readonly queues: readonly LocalQueue[];
  /** 0 (the default) takes a free port. */
  readonly port?: number;
}

export interface LocalSqs {
  /** AWS_ENDPOINT_URL_SQS of the functions. */
  readonly endpoint: string;
  /** The queue's URL on this endpoint (what GetQueueUrl would answer if the emulator's own host resolved here). */
  queueUrl(name: string): string;
  stop(): Promise<void>;
}

/**
 * SQS on this machine: fauxqs, which speaks the SDK's JSON protocol (`AmazonSQS.*`), refuses what SQS refuses
 * (QueueDoesNotExist with `AWS.SimpleQueueService.NonExistentQueue`, out-of-range parameters) and keeps its queues
 * in SQLite under the data folder, so a message sent before a Ctrl-C or a `kill -9` is there at the next start.
 * Queues are serverless.yml's AWS::SQS::Queue resources, created at start if missing (as a stack update would).
 * Its account is 000000000000, the local account of every ARN here.
 */
export const startLocalSqs = async (options: LocalSqsOptions): Promise<LocalSqs> => {
  mkdirSync(options.dataDir, { recursive: true });
  // fauxqs is ESM only (its exports have no "require"): loaded with import(), which tsx keeps under CommonJS.
  const { startFauxqs } = await import('fauxqs');
  const server = await startFauxqs({ port: options.port ?? 0, logger: false, defaultRegion: options.region, dataDir: options.dataDir });
  try {
    server.setup({ queues: options.queues.map((queue) => ({ name: queue.name, region: options.region, attributes: { ...queue.attributes } })) });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const endpoint = `http://127.0.0.1:${server.port}`;
  return { endpoint, queueUrl: (name) => `${endpoint}/${options.accountId}/${name}`, stop: () => server.stop() };
};
