import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startLocalSqs, type LocalSqs } from './part';

const region = 'eu-west-1';
const queues = [{ logicalId: 'DeadLetters', name: 'test-dead-letters', attributes: { MessageRetentionPeriod: '1209600' } }];

describe('the local SQS, through the real SDK client', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'showrunner-sqs-'));
  let sqs: LocalSqs;
  let client: SQSClient;
  const start = async () => {
    sqs = await startLocalSqs({ dataDir, region, accountId: '000000000000', queues });
    client = new SQSClient({ region, endpoint: sqs.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  };
  const restart = async () => {
    client.destroy();
    await sqs.stop();
    await start();
  };
  const queueUrl = () => sqs.queueUrl('test-dead-letters');
  const visibleCount = async () =>
    (await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl(), AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes?.ApproximateNumberOfMessages;

  beforeAll(start);
  afterAll(async () => {
    client.destroy();
    await sqs.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps an acknowledged message across a restart, and a peek (visibility 0) leaves it visible', async () => {
    const sent = await client.send(new SendMessageCommand({ QueueUrl: queueUrl(), MessageBody: '{"version":"1.0"}' }));
    await restart();
    const peek = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl(), VisibilityTimeout: 0, MaxNumberOfMessages: 10 }));
    expect(peek.Messages?.map((m) => [m.MessageId, m.Body])).toEqual([[sent.MessageId, '{"version":"1.0"}']]);
    expect(await visibleCount()).toBe('1');
  });

  it('hides a received message for its visibility timeout, shows it again when that is changed to 0, and deletes it by receipt', async () => {
    const [message] = (await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl(), VisibilityTimeout: 300, WaitTimeSeconds: 1 }))).Messages ?? [];
    expect(message?.ReceiptHandle).toBeDefined();
    expect(await visibleCount()).toBe('0');
    await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl(), ReceiptHandle: message?.ReceiptHandle, VisibilityTimeout: 0 }));
    expect(await visibleCount()).toBe('1');
    const [again] = (await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl(), VisibilityTimeout: 300 }))).Messages ?? [];
    await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl(), ReceiptHandle: again?.ReceiptHandle }));
    await restart();
    expect(await visibleCount()).toBe('0');
  });

  it('refuses an unknown queue and a parameter out of range, as SQS does', async () => {
    const unknown = client.send(new SendMessageCommand({ QueueUrl: sqs.queueUrl('no-such-queue'), MessageBody: 'x' }));
    await expect(unknown).rejects.toMatchObject({ name: 'QueueDoesNotExist', Code: 'AWS.SimpleQueueService.NonExistentQueue', $metadata: { httpStatusCode: 400 } });
    const tooLong = client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl(), VisibilityTimeout: 43201 }));
    await expect(tooLong).rejects.toMatchObject({ Code: 'AWS.SimpleQueueService.InvalidParameterValue' });
    const tooMany = client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl(), MaxNumberOfMessages: 11 }));
    await expect(tooMany).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
  });

  it('answers for a queue URL in the form CloudFormation gives (its Ref), whatever the host, as the queue path names it', async () => {
    const awsUrl = `https://sqs.${region}.amazonaws.com/000000000000/test-dead-letters`;
    const viaPath = new SQSClient({ region, endpoint: sqs.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, useQueueUrlAsEndpoint: false });
    try {
      await viaPath.send(new SendMessageCommand({ QueueUrl: awsUrl, MessageBody: 'by the Ref' }));
      expect(await visibleCount()).toBe('1');
    } finally {
      viaPath.destroy();
    }
  });
});
