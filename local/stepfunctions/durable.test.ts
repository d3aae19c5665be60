import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { z } from 'zod';
import type { StepFunctionsServiceOptions } from './service';
import { startLocalStepFunctions, type LocalStepFunctions } from './testing';

const review = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Result: 'prepared', ResultPath: '$.stage', Next: 'Review' },
    Review: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'reviewer', Payload: { 'token.$': '$$.Task.Token', 'show.$': '$.show' } },
      ResultPath: '$.review',
      Next: 'Publish',
    },
    // The context object of a resumed execution is still the execution's: its input and its start time.
    Publish: { Type: 'Pass', Parameters: { 'input.$': '$$.Execution.Input', 'started.$': '$$.Execution.StartTime' }, ResultPath: '$.execution', End: true },
  },
};

const transcode = {
  StartAt: 'Transcode',
  States: {
    Transcode: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:transcoder', ResultPath: '$.renditions', End: true },
  },
};

const pause = { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 2, Next: 'Done' }, Done: { Type: 'Pass', End: true } } };

const deadline = {
  StartAt: 'Review',
  States: {
    Review: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'reviewer', Payload: { 'token.$': '$$.Task.Token', 'show.$': '$.show' } },
      TimeoutSeconds: 2,
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.failure', Next: 'Escalate' }],
      End: true,
    },
    Escalate: { Type: 'Pass', End: true },
  },
};

const stateMachines = [
  { name: 'review', definition: review },
  { name: 'transcode', definition: transcode },
  { name: 'pause', definition: pause },
  { name: 'deadline', definition: deadline },
];

const reviewerCall = z.object({ token: z.string(), show: z.string() });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const eventually = async <T>(read: () => T | undefined, timeoutMs = 5000): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(10);
  }
};

describe('durable executions: the local Step Functions picks up after a restart where it was', () => {
  let dataDir: string;
  const running: LocalStepFunctions[] = [];
  const calls: Array<{ fn: string; payload: unknown }> = [];

  /** A service on the test's data dir; `transcoder` answers only when `transcoderAnswers` is set. */
  const startService = async (options: Partial<StepFunctionsServiceOptions> = {}, transcoderAnswers = false) => {
    const local = await startLocalStepFunctions({
      stateMachines,
      dataDir,
      invokeLambda: async (fn, payload) => {
        calls.push({ fn, payload });
        if (fn.endsWith('transcoder') && !transcoderAnswers) return new Promise(() => undefined);
        return fn.endsWith('transcoder') ? ['720p', '1080p'] : { accepted: true };
      },
      ...options,
    });
    running.push(local);
    return local;
  };
  const start = (local: LocalStepFunctions, machine: string, name: string, input: unknown) =>
    local.client.send(new StartExecutionCommand({ stateMachineArn: local.arnOf(machine), name, input: JSON.stringify(input) }));
  const tokenFor = (show: string) => eventually(() => calls.map((call) => reviewerCall.safeParse(call.payload).data).find((call) => call?.show === show)?.token);

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sfn-durable-'));
    calls.length = 0;
  });
  afterEach(async () => {
    for (const local of running.splice(0)) await local.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['stopped', (local: LocalStepFunctions) => local.close()],
    ['crashed (dropped without stop)', (local: LocalStepFunctions) => local.abandon()],
  ])('given a review waiting for its token, when the service is %s and started again, then the old token finishes it', async (_, goAway) => {
    const first = await startService();
    const { executionArn = '' } = await start(first, 'review', 'show-1', { show: 'show-1' });
    const token = await tokenFor('show-1');
    await goAway(first);

    const second = await startService();
    await second.client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await second.client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: 'approve' }) }));
    const done = await second.settled(executionArn);

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? 'null')).toEqual({
      show: 'show-1',
      stage: 'prepared',
      review: { decision: 'approve' },
      execution: { input: { show: 'show-1' }, started: done.startDate?.toISOString() },
    });
    expect(calls.filter((call) => call.fn === 'reviewer')).toHaveLength(1); // the reviewer is not asked twice
    const { events = [] } = await second.client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => event.id)).toEqual(events.map((_event, index) => index + 1));
  });

  it('given finished executions, when the service starts again, then Describe, List and GetExecutionHistory answer as before and a spent token is TaskTimedOut', async () => {
    const first = await startService();
    const { executionArn = '' } = await start(first, 'review', 'show-2', { show: 'show-2' });
    const token = await tokenFor('show-2');
    await first.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '"ok"' }));
    const before = await first.settled(executionArn);
    const historyBefore = await first.client.send(new GetExecutionHistoryCommand({ executionArn }));
    await first.close();

    const second = await startService();
    const after = await second.client.send(new DescribeExecutionCommand({ executionArn }));
    expect({ ...after, $metadata: undefined }).toEqual({ ...before, $metadata: undefined });
    const historyAfter = await second.client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(historyAfter.events).toEqual(historyBefore.events);
    const listed = await second.client.send(new ListExecutionsCommand({ stateMachineArn: second.arnOf('review') }));
    expect(listed.executions?.map((execution) => [execution.name, execution.status])).toEqual([['show-2', 'SUCCEEDED']]);
    await expect(second.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(start(second, 'review', 'show-2', { show: 'other' })).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('given a task running when the service stops, when it starts again, then the task is run again from its recorded input', async () => {
    const first = await startService();
    const { executionArn = '' } = await start(first, 'transcode', 'job-1', { source: 's3://in/a.mp4' });
    await eventually(() => calls.find((call) => call.fn.endsWith('transcoder')));
    await first.close();

    const second = await startService({}, true);
    const done = await second.settled(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? 'null')).toEqual({ source: 's3://in/a.mp4', renditions: ['720p', '1080p'] });
    expect(calls.filter((call) => call.fn.endsWith('transcoder')).map((call) => call.payload)).toEqual([{ source: 's3://in/a.mp4' }, { source: 's3://in/a.mp4' }]);
    const { events = [] } = await second.client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events.filter((event) => event.type === 'TaskStateEntered')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'LambdaFunctionScheduled')).toHaveLength(2);
  });

  it('given a Wait state under way, when the service restarts, then the wait ends at its original deadline', async () => {
    const first = await startService({ waitTimeScale: 1 });
    const { executionArn = '', startDate } = await start(first, 'pause', 'pause-1', {});
    await sleep(300);
    await first.close();
    await sleep(1000);

    const second = await startService({ waitTimeScale: 1 });
    const done = await second.settled(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const waited = (done.stopDate?.getTime() ?? 0) - (startDate?.getTime() ?? 0);
    expect(waited).toBeGreaterThanOrEqual(2000);
    expect(waited).toBeLessThan(3000); // waiting afresh after the restart would end past 1.3 + 2 s
  });

  it('given a task with TimeoutSeconds, when the service restarts, then it times out counted from when it started', async () => {
    const first = await startService();
    const { executionArn = '', startDate } = await start(first, 'deadline', 'late-1', { show: 'late-1' });
    await tokenFor('late-1');
    await sleep(300);
    await first.close();
    await sleep(1000);

    const second = await startService();
    const done = await second.settled(executionArn);
    expect(JSON.parse(done.output ?? 'null')).toMatchObject({ failure: { Error: 'States.Timeout' } });
    const { events = [] } = await second.client.send(new GetExecutionHistoryCommand({ executionArn }));
    const timedOutAt = events.find((event) => event.type === 'TaskTimedOut')?.timestamp?.getTime() ?? 0;
    expect(timedOutAt - (startDate?.getTime() ?? 0)).toBeLessThan(3000);
  });
});
