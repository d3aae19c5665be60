import {
  GetExecutionHistoryCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { startLocalStepFunctions, type LocalStepFunctions } from './testing';

const callbackMachine = (name: string, catchers: Array<{ ErrorEquals: string[]; Next: string }>) => ({
  name,
  definition: {
    StartAt: 'WaitForWorker',
    States: {
      WaitForWorker: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'worker', Payload: { 'token.$': '$$.Task.Token', 'job.$': '$.job', 'execution.$': '$$.Execution.Id' } },
        HeartbeatSeconds: 1,
        TimeoutSeconds: 3,
        ResultPath: '$.result',
        Catch: catchers.map((catcher) => ({ ...catcher, ResultPath: '$.failure' })),
        End: true,
      },
      ...Object.fromEntries(catchers.map(({ Next }) => [Next, { Type: 'Pass', End: true }])),
    },
  },
});

const invocationSchema = z.object({ token: z.string(), job: z.string(), execution: z.string() });
type Invocation = z.infer<typeof invocationSchema>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('wait-for-callback tasks (.waitForTaskToken)', () => {
  let local: LocalStepFunctions;
  const invocations: Invocation[] = [];
  const waiters: Array<(invocation: Invocation) => void> = [];
  const nextInvocation = (): Promise<Invocation> => {
    const ready = invocations.shift();
    return ready ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
  };

  beforeAll(async () => {
    local = await startLocalStepFunctions({
      stateMachines: [
        // States.TaskFailed comes first: AWS never lets it catch a timeout, so timeouts must fall through to the others.
        callbackMachine('transcode-callback', [
          { ErrorEquals: ['States.TaskFailed'], Next: 'WorkerFailed' },
          { ErrorEquals: ['States.HeartbeatTimeout'], Next: 'HeartbeatLapsed' },
          { ErrorEquals: ['States.Timeout'], Next: 'TimedOut' },
        ]),
        callbackMachine('timeouts-only', [{ ErrorEquals: ['States.Timeout'], Next: 'TimedOut' }]),
      ],
      invokeLambda: async (functionName, payload) => {
        expect(functionName).toBe('worker');
        const invocation = invocationSchema.parse(payload);
        const waiter = waiters.shift();
        if (waiter) waiter(invocation);
        else invocations.push(invocation);
        return { accepted: true };
      },
    });
  });
  afterAll(() => local.close());

  const start = (machine: string, job: string) =>
    local.client.send(new StartExecutionCommand({ stateMachineArn: local.arnOf(machine), name: job, input: JSON.stringify({ job }) }));

  const outputOf = (output: string | undefined): unknown => JSON.parse(output ?? 'null');

  it('resumes with SendTaskSuccess output under ResultPath, and the token answers only once', async () => {
    const { executionArn } = await start('transcode-callback', 'job-success');
    const invocation = await nextInvocation();
    expect(invocation).toMatchObject({ job: 'job-success', execution: executionArn });

    await local.client.send(new SendTaskSuccessCommand({ taskToken: invocation.token, output: JSON.stringify({ renditions: 3 }) }));
    const done = await local.settled(executionArn ?? '');
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done.output)).toEqual({ job: 'job-success', result: { renditions: 3 } });

    await expect(
      local.client.send(new SendTaskSuccessCommand({ taskToken: invocation.token, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
    const history = await local.client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(history.events?.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('fails the task with SendTaskFailure error and cause, which Catch handles as States.TaskFailed', async () => {
    const { executionArn } = await start('transcode-callback', 'job-failure');
    const { token } = await nextInvocation();
    await local.client.send(new SendTaskFailureCommand({ taskToken: token, error: 'TranscodeFailed', cause: 'unsupported codec' }));
    const done = await local.settled(executionArn ?? '');
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done.output)).toEqual({ job: 'job-failure', failure: { Error: 'TranscodeFailed', Cause: 'unsupported codec' } });
  });

  it('times the task out with States.HeartbeatTimeout when no heartbeat arrives within HeartbeatSeconds', async () => {
    const { executionArn } = await start('transcode-callback', 'job-silent');
    const { token } = await nextInvocation();
    const done = await local.settled(executionArn ?? '');
    expect(outputOf(done.output)).toMatchObject({ failure: { Error: 'States.HeartbeatTimeout' } });
    const history = await local.client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(history.events?.find((event) => event.type === 'TaskTimedOut')?.taskTimedOutEventDetails?.error).toBe('States.HeartbeatTimeout');
    await expect(local.client.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('lets a States.Timeout catcher catch a heartbeat timeout, as AWS does', async () => {
    const { executionArn } = await start('timeouts-only', 'job-silent-2');
    await nextInvocation();
    const done = await local.settled(executionArn ?? '');
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done.output)).toMatchObject({ failure: { Error: 'States.HeartbeatTimeout' } });
  });

  it('keeps a task alive past HeartbeatSeconds while heartbeats arrive', async () => {
    const { executionArn } = await start('transcode-callback', 'job-heartbeats');
    const { token } = await nextInvocation();
    for (let beat = 0; beat < 4; beat++) {
      await sleep(400);
      await local.client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    }
    await local.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '"done"' }));
    const done = await local.settled(executionArn ?? '');
    expect(outputOf(done.output)).toEqual({ job: 'job-heartbeats', result: 'done' });
  });

  it('caps the task at TimeoutSeconds however many heartbeats arrive; States.TaskFailed does not catch it', async () => {
    const { executionArn } = await start('transcode-callback', 'job-endless');
    const { token } = await nextInvocation();
    const beating = setInterval(() => {
      local.client.send(new SendTaskHeartbeatCommand({ taskToken: token })).catch(() => undefined);
    }, 300);
    try {
      const done = await local.settled(executionArn ?? '', 6000);
      expect(outputOf(done.output)).toMatchObject({ failure: { Error: 'States.Timeout' } });
    } finally {
      clearInterval(beating);
    }
  });

  it('answers InvalidToken for a malformed token and TaskDoesNotExist for one it never issued', async () => {
    await expect(local.client.send(new SendTaskSuccessCommand({ taskToken: 'not a token', output: '{}' }))).rejects.toMatchObject({ name: 'InvalidToken' });
    const unknown = Buffer.from(JSON.stringify({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:x:y', nonce: 'n' })).toString('base64url');
    await expect(local.client.send(new SendTaskSuccessCommand({ taskToken: unknown, output: '{}' }))).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });
});
