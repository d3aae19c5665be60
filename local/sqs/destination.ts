import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalSqs } from './part';

/** Sends a message to a queue named by its ARN, through the SDK as Lambda's destinations do; resolves once SQS has it. */
export type QueueDestination = (queueArn: string, body: unknown) => Promise<void>;

export const queueDestination = (sqs: LocalSqs, region: string, credentials: { accessKeyId: string; secretAccessKey: string }): { send: QueueDestination; close(): void } => {
  const client = new SQSClient({ region, endpoint: sqs.endpoint, credentials });
  return {
    send: async (queueArn, body) => {
      const [, , service, , , name] = queueArn.split(':');
      if (service !== 'sqs' || name === undefined) throw new Error(`on-failure destination ${queueArn} is not an SQS queue ARN: only SQS destinations run locally`);
      await client.send(new SendMessageCommand({ QueueUrl: sqs.queueUrl(name), MessageBody: JSON.stringify(body) }));
    },
    close: () => client.destroy(),
  };
};
