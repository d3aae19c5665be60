import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export interface QueuedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string | undefined;
  readonly sentAt: string | undefined;
}

export interface DeadLetterQueuePort {
  /** The messages without taking them: received with a visibility timeout of 0, so they stay visible (and alarmed on). */
  peek(max: number): Promise<QueuedMessage[]>;
  /** Takes up to `max` messages for `seconds`, so no other redrive handles them meanwhile. */
  claim(max: number, seconds: number): Promise<QueuedMessage[]>;
  /** Gives a claimed message back at once. */
  release(message: QueuedMessage): Promise<void>;
  remove(message: QueuedMessage): Promise<void>;
  approximateCount(): Promise<number>;
}

const toQueued = (message: Message): QueuedMessage[] =>
  message.MessageId === undefined || message.ReceiptHandle === undefined
    ? []
    : [{ messageId: message.MessageId, receiptHandle: message.ReceiptHandle, body: message.Body, sentAt: message.Attributes?.SentTimestamp === undefined ? undefined : new Date(Number(message.Attributes.SentTimestamp)).toISOString() }];

// SQS answers a short poll from a sample of its servers and at most 10 messages a call: a few calls, de-duplicated,
// see a small queue whole. A dead-letter queue that holds more than `max` is shown in part, with its approximate count.
const receiveUpTo = async (client: SQSClient, queueUrl: string, max: number, visibilityTimeout: number): Promise<QueuedMessage[]> => {
  const seen = new Map<string, QueuedMessage>();
  for (let call = 0; call < Math.ceil(max / 10) + 2 && seen.size < max; call += 1) {
    const out = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: Math.min(10, max - seen.size), VisibilityTimeout: visibilityTimeout, WaitTimeSeconds: call === 0 ? 1 : 0, MessageSystemAttributeNames: ['SentTimestamp'] }),
    );
    const fresh = (out.Messages ?? []).flatMap(toQueued).filter((m) => !seen.has(m.messageId));
    if (fresh.length === 0) break;
    for (const message of fresh) seen.set(message.messageId, message);
  }
  return [...seen.values()];
};

/** The stream dead-letter queue on SQS. */
export const sqsDeadLetterQueue = (client: SQSClient, queueUrl: string): DeadLetterQueuePort => ({
  peek: (max) => receiveUpTo(client, queueUrl, max, 0),
  claim: (max, seconds) => receiveUpTo(client, queueUrl, max, seconds),
  release: async (message) => void (await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.receiptHandle, VisibilityTimeout: 0 }))),
  remove: async (message) => void (await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.receiptHandle }))),
  approximateCount: async () => {
    const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  },
});
