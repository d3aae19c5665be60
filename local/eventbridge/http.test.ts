import { createServer, type Server } from 'node:http';
import {
  DescribeEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { freePort } from '../parts/freePort';
import { createEventBridgeHttpHandler } from './http';
import { createEventBridgeService } from './service';
import type { EventBridgeEvent } from './types';

const delivered: { targetId: string; payload: unknown; event: EventBridgeEvent }[] = [];
const service = createEventBridgeService({
  region: 'us-east-1',
  accountId: '123456789012',
  buses: ['showrunner'],
  rules: [
    {
      name: 'show-published',
      eventBusName: 'showrunner',
      eventPattern: { source: ['showrunner.catalog'], 'detail-type': ['ShowPublished'] },
      description: 'Starts packaging',
      targets: [{ id: 'packager', arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:packaging', inputPath: '$.detail' }],
    },
    {
      name: 'audit',
      eventBusName: 'showrunner',
      eventPattern: { source: [{ prefix: 'showrunner.' }] },
      state: 'DISABLED',
      targets: [],
    },
  ],
  deliver: async (target, payload, event) => {
    delivered.push({ targetId: target.id, payload, event });
  },
});

let server: Server;
let port: number;
let client: EventBridgeClient;

beforeAll(async () => {
  port = await freePort();
  const handler = createEventBridgeHttpHandler(service);
  server = createServer((request, response) => void handler(request, response));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  client = new EventBridgeClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

describe('the real AWS SDK against the local EventBridge', () => {
  it('puts events, reports failed entries, and delivers matches', async () => {
    const response = await client.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'showrunner', Source: 'showrunner.catalog', DetailType: 'ShowPublished', Detail: '{"showId":"s-9"}', Time: new Date('2026-02-03T04:05:06Z') },
          { EventBusName: 'showrunner', Source: 'showrunner.catalog', DetailType: 'ShowPublished', Detail: 'not json' },
        ],
      }),
    );
    expect(response.FailedEntryCount).toBe(1);
    expect(response.Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(response.Entries?.[1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    await service.idle();
    expect(delivered).toEqual([
      { targetId: 'packager', payload: { showId: 's-9' }, event: expect.objectContaining({ time: '2026-02-03T04:05:06Z', id: response.Entries?.[0]?.EventId }) },
    ]);
  });

  it('raises ValidationException for more than 10 entries', async () => {
    const entries = Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 'd', Detail: '{}' }));
    await expect(client.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('tests patterns and raises InvalidEventPatternException for bad ones', async () => {
    const event = JSON.stringify({
      id: '1', account: '123456789012', source: 'showrunner.catalog', time: '2026-01-01T00:00:00Z',
      region: 'us-east-1', resources: [], 'detail-type': 'ShowPublished', detail: { price: 300 },
    });
    const test = (EventPattern: string) => client.send(new TestEventPatternCommand({ EventPattern, Event: event }));
    await expect(test('{"detail":{"price":[{"numeric":[">",100]}]}}')).resolves.toMatchObject({ Result: true });
    await expect(test('{"detail":{"price":["300"]}}')).resolves.toMatchObject({ Result: false });
    await expect(test('{"detail":{"price":[{"numeric":">"}]}}')).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
      message: 'Event pattern is not valid. Reason: Value of numeric must be an array.',
    });
  });

  it('given a pattern past the API\'s 4096 characters, when tested, then it is a ValidationException; at 4096 it is tested', async () => {
    const event = JSON.stringify({
      id: '1', account: '123456789012', source: 'showrunner.catalog', time: '2026-01-01T00:00:00Z',
      region: 'us-east-1', resources: [], 'detail-type': 'ShowPublished', detail: {},
    });
    const patternOf = (length: number) => {
      const shell = '{"source":["showrunner.catalog",""]}';
      return shell.replace('""', `"${'x'.repeat(length - shell.length)}"`);
    };
    const test = (EventPattern: string) => client.send(new TestEventPatternCommand({ EventPattern, Event: event }));
    expect(patternOf(4096)).toHaveLength(4096);
    await expect(test(patternOf(4096))).resolves.toMatchObject({ Result: true });
    await expect(test(patternOf(4097))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 4096'),
    });
  });

  it('lists and describes rules, targets and buses', async () => {
    const rules = await client.send(new ListRulesCommand({ EventBusName: 'showrunner', NamePrefix: 'show' }));
    expect(rules.Rules).toEqual([
      {
        Name: 'show-published',
        Arn: 'arn:aws:events:us-east-1:123456789012:rule/showrunner/show-published',
        EventPattern: '{"source":["showrunner.catalog"],"detail-type":["ShowPublished"]}',
        State: 'ENABLED',
        EventBusName: 'showrunner',
        Description: 'Starts packaging',
      },
    ]);
    const page = await client.send(new ListRulesCommand({ EventBusName: 'showrunner', Limit: 1 }));
    const rest = await client.send(new ListRulesCommand({ EventBusName: 'showrunner', Limit: 1, NextToken: page.NextToken }));
    expect([...(page.Rules ?? []), ...(rest.Rules ?? [])].map((rule) => rule.Name)).toEqual(['show-published', 'audit']);
    expect(rest.NextToken).toBeUndefined();

    await expect(client.send(new DescribeRuleCommand({ Name: 'audit', EventBusName: 'showrunner' }))).resolves.toMatchObject({ State: 'DISABLED' });
    await expect(client.send(new DescribeRuleCommand({ Name: 'audit' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule audit does not exist on EventBus default.',
    });
    const targets = await client.send(new ListTargetsByRuleCommand({ Rule: 'show-published', EventBusName: 'showrunner' }));
    expect(targets.Targets).toEqual([{ Id: 'packager', Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:packaging', InputPath: '$.detail' }]);

    await expect(client.send(new DescribeEventBusCommand({ Name: 'showrunner' }))).resolves.toMatchObject({
      Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/showrunner',
    });
    await expect(client.send(new DescribeEventBusCommand({ Name: 'missing' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const buses = await client.send(new ListEventBusesCommand({}));
    expect(buses.EventBuses?.map((bus) => bus.Name)).toEqual(['default', 'showrunner']);
  });

  it('answers an unknown operation with UnknownOperationException', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.PutRule', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: 'UnknownOperationException', message: expect.stringContaining('PutRule') });
  });
});
