import { join } from 'node:path';
import type { LocalService } from '../config';
import type { LocalSettings } from '../settings';
import { queueDestination } from '../sqs/destination';
import { startLocalSqs } from '../sqs/part';
import { localCredentials } from './endpoints';
import { startLambdaInvokeApi } from './lambdaInvokeApi';

/**
 * The parts behind the stream dead-letter queue: SQS (serverless.yml's queues, kept under `<data dir>/sqs`), the
 * on-failure destination stream subscriptions send to, and Lambda's Invoke API the redrive calls.
 */
export const startDeadLetterParts = async (service: LocalService, settings: LocalSettings, invoke: (name: string, payload: unknown) => Promise<unknown>) => {
  const sqs = await startLocalSqs({ dataDir: join(settings.dataDir, 'sqs'), region: service.region, accountId: service.accountId, queues: service.queues });
  const destination = queueDestination(sqs, service.region, localCredentials);
  const lambda = await startLambdaInvokeApi(invoke).catch(async (error: unknown) => {
    destination.close();
    await sqs.stop();
    throw error;
  });
  return {
    sqs: sqs.endpoint,
    lambda: lambda.endpoint,
    onFailureDestination: destination.send,
    stop: async () => {
      await lambda.stop();
      destination.close();
      await sqs.stop();
    },
  };
};
