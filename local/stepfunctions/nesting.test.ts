import { GetExecutionHistoryCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { startLocalStepFunctions, type LocalStepFunctions } from './testing';

const callbackTask = (name: string) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: { FunctionName: 'worker', Payload: { 'token.$': '$$.Task.Token', rendition: name } },
  End: true,
});

const fanOut = {
  StartAt: 'Renditions',
  States: {
    Renditions: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Encode360', States: { Encode360: callbackTask('360p') } },
        { StartAt: 'Encode720', States: { Encode720: callbackTask('720p') } },
      ],
      Next: 'Thumbnails',
    },
    Thumbnails: {
      Type: 'Map',
      ItemsPath: '$',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Thumbnail',
        States: { Thumbnail: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:thumbnail', End: true } },
      },
      End: true,
    },
  },
};

const deadline = {
  TimeoutSeconds: 1,
  StartAt: 'Forever',
  States: { Forever: callbackTask('never') },
};

const invocationSchema = z.object({ token: z.string(), rendition: z.string() });

describe('Parallel and Map states with callbacks inside, and execution timeouts', () => {
  let local: LocalStepFunctions;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    local = await startLocalStepFunctions({
      stateMachines: [
        { name: 'fan-out', definition: fanOut },
        { name: 'deadline', definition: deadline },
      ],
      invokeLambda: async (functionName, payload) => {
        if (functionName === 'worker') {
          const { token, rendition } = invocationSchema.parse(payload);
          tokens.set(rendition, token);
          return null;
        }
        return { thumbnailOf: payload };
      },
    });
  });
  afterAll(() => local.close());

  it('gives each branch its own token and resumes each branch on its own callback', async () => {
    const { executionArn } = await local.client.send(new StartExecutionCommand({ stateMachineArn: local.arnOf('fan-out'), input: '{}' }));
    const waitFor = async (rendition: string): Promise<string> => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const token = tokens.get(rendition);
        if (token) return token;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no callback task for ${rendition}`);
    };
    const [token360, token720] = await Promise.all([waitFor('360p'), waitFor('720p')]);
    expect(token360).not.toBe(token720);
    await local.client.send(new SendTaskSuccessCommand({ taskToken: token720, output: '"720p.m3u8"' }));
    await local.client.send(new SendTaskSuccessCommand({ taskToken: token360, output: '"360p.m3u8"' }));
    const done = await local.settled(executionArn ?? '');
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual([{ thumbnailOf: '360p.m3u8' }, { thumbnailOf: '720p.m3u8' }]);
    const { events = [] } = await local.client.send(new GetExecutionHistoryCommand({ executionArn }));
    const types = events.map((event) => event.type);
    expect(types).toContain('ParallelStateEntered');
    expect(types.filter((type) => type === 'MapIterationSucceeded')).toHaveLength(2);
    expect(types.filter((type) => type === 'TaskSucceeded')).toHaveLength(2); // the callbacks
    expect(types.filter((type) => type === 'LambdaFunctionSucceeded')).toHaveLength(2); // the thumbnails (a function ARN)
    expect(types.at(-1)).toBe('ExecutionSucceeded');
  });

  it('times out the whole execution at the state machine TimeoutSeconds and retires its pending token', async () => {
    tokens.delete('never');
    const { executionArn } = await local.client.send(new StartExecutionCommand({ stateMachineArn: local.arnOf('deadline'), input: '{}' }));
    const done = await local.settled(executionArn ?? '', 5000);
    expect(done.status).toBe('TIMED_OUT');
    const { events = [] } = await local.client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events.at(-1)?.type).toBe('ExecutionTimedOut');
    await expect(local.client.send(new SendTaskSuccessCommand({ taskToken: tokens.get('never'), output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });
});
