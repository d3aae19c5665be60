import { createStoreFixture, type StoreFixture } from '../../adapters/eventstore/testing/storeFixture';
import { publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import type { ProcessingEndedNotice } from '../../domain/notifications/processingEnded';
import { showStreamId } from '../../domain/show';
import { notificationsConfig } from './config';
import { notifier } from './notifier';
import { snsNotices } from './snsNotices';

/** The notifier over a real event store (DynamoDB Local) with the bus delivery as EventBridge gives it; SNS in memory. */
let fixture: StoreFixture;
const sent: ProcessingEndedNotice[] = [];
const send = async (notice: ProcessingEndedNotice) => {
  sent.push(notice);
};

beforeAll(async () => {
  fixture = await createStoreFixture();
  await runShowCommands(fixture.store, publishCommands({ showId: 'n-1', creatorId: 'creator-5', title: 'Harbour Lights' }));
});
afterAll(() => fixture.dispose());

/** The stored envelope of the show's event of this type, as the outbox publishes it: the detail of a bus event. */
const busEvent = async (showId: string, type: string) => {
  const { events } = await fixture.store.readStream(showStreamId(showId));
  const envelope = events.find((event) => event.type === type);
  if (envelope === undefined) throw new Error(`no ${type} in ${showId}`);
  return { 'detail-type': type, source: 'showrunner.catalog', detail: envelope };
};

describe('the creator notifier', () => {
  it('tells the creator (who drafted the show, from its stream) that it is published', async () => {
    expect(await notifier({ store: fixture.store, send })(await busEvent('n-1', 'ShowPublished'))).toEqual({ sent: true });
    expect(sent.at(-1)).toEqual({
      showId: 'n-1',
      creatorId: 'creator-5',
      outcome: 'published',
      subject: 'Your show "Harbour Lights" is published',
      message: 'Your show "Harbour Lights" passed review and is published: viewers can play it now.',
    });
  });

  it('sends nothing while notices are off', async () => {
    const before = sent.length;
    expect(await notifier({ store: fixture.store })(await busEvent('n-1', 'ShowPublished'))).toEqual({ sent: false });
    expect(sent.length).toBe(before);
  });

  it('sends nothing for an event that ends no run, and refuses a delivery that is not an outboxed event', async () => {
    expect(await notifier({ store: fixture.store, send })(await busEvent('n-1', 'ShowApproved'))).toEqual({ sent: false });
    await expect(notifier({ store: fixture.store, send })({ detail: { type: 'ShowPublished' } })).rejects.toThrow();
  });
});

describe('the notifier configuration', () => {
  it.each([
    [{}, undefined],
    [{ CREATOR_NOTICES_EMAIL: '', CREATOR_NOTICES_TOPIC_ARN: 'arn:aws:sns:eu-west-1:1:t' }, undefined],
    [{ CREATOR_NOTICES_EMAIL: 'ops@example.com', CREATOR_NOTICES_TOPIC_ARN: 'arn:aws:sns:eu-west-1:1:t' }, 'arn:aws:sns:eu-west-1:1:t'],
  ])('is off unless an address is configured: %j', async (env, topicArn) => {
    jest.isolateModules(() => {
      const { notificationsConfig: fresh } = jest.requireActual<{ notificationsConfig: typeof notificationsConfig }>('./config');
      expect(fresh(env).topicArn).toBe(topicArn);
    });
  });

  it('fails at load when an address is set without a topic', () => {
    expect(() => notificationsConfig({ CREATOR_NOTICES_EMAIL: 'ops@example.com' })).toThrow('CREATOR_NOTICES_TOPIC_ARN');
  });
});

describe('notices on SNS', () => {
  it('publish the subject and text, with attributes a subscription can filter on', async () => {
    const inputs: unknown[] = [];
    const sendNotice = snsNotices({ send: async (command: { input: unknown }) => inputs.push(command.input) } as never, 'arn:aws:sns:eu-west-1:1:notices');
    await sendNotice({ showId: 'n-1', creatorId: 'creator-5', outcome: 'rejected', subject: 'Your show was not approved', message: 'Too dark.' });
    expect(inputs).toEqual([
      {
        TopicArn: 'arn:aws:sns:eu-west-1:1:notices',
        Subject: 'Your show was not approved',
        Message: 'Too dark.',
        MessageAttributes: {
          creatorId: { DataType: 'String', StringValue: 'creator-5' },
          showId: { DataType: 'String', StringValue: 'n-1' },
          outcome: { DataType: 'String', StringValue: 'rejected' },
        },
      },
    ]);
  });
});
