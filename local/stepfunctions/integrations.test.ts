import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetExecutionHistoryCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { PutEventsEntry } from './integrations';
import { startLocalStepFunctions, type LocalStepFunctions } from './testing';

const dynamoEndpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '';
const table = `sfn-integrations-${randomUUID()}`;

const recordUpload = {
  StartAt: 'Save',
  States: {
    Save: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: {
        TableName: table,
        Item: { videoId: { 'S.$': '$.videoId' }, title: { 'S.$': '$.title' } },
        ConditionExpression: 'attribute_not_exists(videoId)',
      },
      ResultPath: null,
      Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], ResultPath: '$.duplicate', Next: 'AlreadyRecorded' }],
      Next: 'Load',
    },
    Load: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:getItem',
      Parameters: { TableName: table, Key: { videoId: { 'S.$': '$.videoId' } }, ConsistentRead: true },
      ResultSelector: { 'title.$': '$.Item.title.S' },
      ResultPath: '$.stored',
      End: true,
    },
    AlreadyRecorded: { Type: 'Pass', End: true },
  },
};

const announce = {
  StartAt: 'Announce',
  States: {
    Announce: {
      Type: 'Task',
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: { Entries: [{ EventBusName: 'showrunner-dev', Source: 'showrunner.workflow', DetailType: 'VideoPublished', Detail: { 'videoId.$': '$.videoId' } }] },
      Catch: [{ ErrorEquals: ['EventBridge.FailedEntry'], ResultPath: '$.failure', Next: 'NotAnnounced' }],
      ResultPath: '$.announced',
      End: true,
    },
    NotAnnounced: { Type: 'Pass', End: true },
  },
};

const invokeAndEncode = {
  StartAt: 'Invoke',
  States: {
    Invoke: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:profiler', 'Payload.$': '$' },
      ResultSelector: { 'ladder.$': '$.Payload.ladder', 'status.$': '$.StatusCode' },
      ResultPath: '$.profile',
      Next: 'Encode',
    },
    Encode: {
      Type: 'Task',
      Resource: 'arn:aws:states:::mediaconvert:createJob.sync',
      Parameters: { Role: 'arn:aws:iam::123456789012:role/mc', Settings: { 'ladder.$': '$.profile.ladder' } },
      ResultSelector: { 'jobId.$': '$.Job.Id', 'status.$': '$.Job.Status' },
      ResultPath: '$.job',
      End: true,
    },
  },
};

describe('service integrations against local parts', () => {
  let local: LocalStepFunctions;
  const dynamo = new DynamoDBClient({ endpoint: dynamoEndpoint });
  const published: PutEventsEntry[] = [];
  const mediaConvertJobs: unknown[] = [];

  beforeAll(async () => {
    await dynamo.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'videoId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'videoId', KeyType: 'HASH' }],
      }),
    );
    local = await startLocalStepFunctions({
      stateMachines: [
        { name: 'record-upload', definition: recordUpload },
        { name: 'announce', definition: announce },
        { name: 'invoke-and-encode', definition: invokeAndEncode },
      ],
      dynamodb: { endpoint: dynamoEndpoint },
      putEvents: async (entries) => {
        published.push(...entries);
        const refused = entries.some((entry) => entry.Detail.includes('refuse-me'));
        return refused
          ? { FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'refused by the test' }] }
          : { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) };
      },
      invokeLambda: async (functionName, payload) => {
        expect(functionName).toBe('arn:aws:lambda:us-east-1:123456789012:function:profiler');
        return { ladder: ['360p', '720p'], seen: payload };
      },
      mediaConvertCreateJob: async (settings) => {
        mediaConvertJobs.push(settings);
        return { Job: { Id: 'job-1', Status: 'COMPLETE' } };
      },
    });
  });
  afterAll(async () => {
    await local.close();
    await dynamo.send(new DeleteTableCommand({ TableName: table }));
    dynamo.destroy();
  });

  const run = async (machine: string, input: object) => {
    const { executionArn } = await local.client.send(new StartExecutionCommand({ stateMachineArn: local.arnOf(machine), input: JSON.stringify(input) }));
    return local.settled(executionArn ?? '');
  };

  it('puts and gets an item in DynamoDB Local, and a failed condition is DynamoDB.ConditionalCheckFailedException', async () => {
    const first = await run('record-upload', { videoId: 'v-1', title: 'Pilot' });
    expect(first.status).toBe('SUCCEEDED');
    expect(JSON.parse(first.output ?? '')).toEqual({ videoId: 'v-1', title: 'Pilot', stored: { title: 'Pilot' } });

    const duplicate = await run('record-upload', { videoId: 'v-1', title: 'Pilot again' });
    expect(duplicate.status).toBe('SUCCEEDED');
    expect(JSON.parse(duplicate.output ?? '').duplicate).toMatchObject({ Error: 'DynamoDB.ConditionalCheckFailedException' });
  });

  it('publishes events with Detail serialised, and fails the task with EventBridge.FailedEntry on a failed entry', async () => {
    const sent = await run('announce', { videoId: 'v-2' });
    expect(sent.status).toBe('SUCCEEDED');
    expect(JSON.parse(sent.output ?? '').announced).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
    expect(published.at(-1)).toEqual({ EventBusName: 'showrunner-dev', Source: 'showrunner.workflow', DetailType: 'VideoPublished', Detail: '{"videoId":"v-2"}' });

    const refused = await run('announce', { videoId: 'refuse-me' });
    expect(refused.status).toBe('SUCCEEDED');
    expect(JSON.parse(refused.output ?? '').failure).toMatchObject({ Error: 'EventBridge.FailedEntry' });
    const { events = [] } = await local.client.send(new GetExecutionHistoryCommand({ executionArn: refused.executionArn }));
    expect(events.find((event) => event.type === 'TaskFailed')?.taskFailedEventDetails).toMatchObject({ resourceType: 'events', resource: 'putEvents', error: 'EventBridge.FailedEntry' });
  });

  it('wraps a lambda:invoke result under Payload and runs mediaconvert:createJob.sync to completion', async () => {
    const done = await run('invoke-and-encode', { videoId: 'v-3' });
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({
      videoId: 'v-3',
      profile: { ladder: ['360p', '720p'], status: 200 },
      job: { jobId: 'job-1', status: 'COMPLETE' },
    });
    expect(mediaConvertJobs).toEqual([{ Role: 'arn:aws:iam::123456789012:role/mc', Settings: { ladder: ['360p', '720p'] } }]);
  });
});
