import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../cloud';
import { localCredentials } from '../wiring/endpoints';

/** How many messages a queue of the stack holds, visible or not (tests: "no stream batch was given up on"). */
export const messagesInQueue = async (cloud: Pick<LocalCloud, 'endpoints' | 'service'>, logicalId: string): Promise<number> => {
  const queue = cloud.service.queues.find((q) => q.logicalId === logicalId);
  if (queue === undefined) throw new Error(`serverless.yml declares no queue ${logicalId}`);
  const client = new SQSClient({ region: cloud.service.region, endpoint: cloud.endpoints.sqs, credentials: localCredentials });
  try {
    const out = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: `${cloud.endpoints.sqs}/${cloud.service.accountId}/${queue.name}`, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  } finally {
    client.destroy();
  }
};
