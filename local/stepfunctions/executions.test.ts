import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { startLocalStepFunctions, type LocalStepFunctions } from './testing';

class TranscoderBusyError extends Error {
  override name = 'TranscoderBusy';
}

const pipeline = {
  Comment: 'retry, catch, choice and a Fail state',
  StartAt: 'Probe',
  States: {
    Probe: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:probe',
      Retry: [{ ErrorEquals: ['TranscoderBusy'], IntervalSeconds: 30, MaxAttempts: 2, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Rejected' }],
      ResultPath: '$.probe',
      Next: 'Wait',
    },
    Wait: { Type: 'Wait', Seconds: 3600, Next: 'Decide' },
    Decide: { Type: 'Choice', Choices: [{ Variable: '$.probe.height', NumericGreaterThanEquals: 720, Next: 'Accepted' }], Default: 'TooSmall' },
    Accepted: { Type: 'Pass', Result: 'hd', ResultPath: '$.ladder', End: true },
    TooSmall: { Type: 'Fail', Error: 'SourceTooSmall', Cause: 'Sources under 720p are refused' },
    Rejected: { Type: 'Pass', End: true },
  },
};

const waitForCallback = {
  StartAt: 'Hold',
  States: {
    Hold: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'hold', Payload: { 'token.$': '$$.Task.Token' } },
      End: true,
    },
  },
};

describe('executions: retry, catch, history, idempotent start, listing and stopping', () => {
  let local: LocalStepFunctions;
  const failuresBeforeSuccess = new Map<string, number>();

  beforeAll(async () => {
    local = await startLocalStepFunctions({
      stateMachines: [
        { name: 'pipeline', definition: JSON.stringify(pipeline) },
        { name: 'hold', definition: waitForCallback },
      ],
      invokeLambda: async (functionName, payload) => {
        if (functionName === 'hold') return {};
        const source = typeof payload === 'object' && payload !== null && 'source' in payload ? String(payload.source) : '';
        const left = failuresBeforeSuccess.get(source) ?? 0;
        if (left > 0) {
          failuresBeforeSuccess.set(source, left - 1);
          throw new TranscoderBusyError(`busy, ${left} to go`);
        }
        return { height: source === 'small' ? 480 : 1080 };
      },
    });
  });
  afterAll(() => local.close());

  const run = async (name: string, input: object) => {
    const { executionArn } = await local.client.send(
      new StartExecutionCommand({ stateMachineArn: local.arnOf('pipeline'), name, input: JSON.stringify(input) }),
    );
    return local.settled(executionArn ?? '');
  };

  it('retries a failing task per its retrier (intervals scaled to 0) and then moves on', async () => {
    failuresBeforeSuccess.set('busy', 2);
    const done = await run('retried', { source: 'busy' });
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ source: 'busy', probe: { height: 1080 }, ladder: 'hd' });
    const { events = [] } = await local.client.send(new GetExecutionHistoryCommand({ executionArn: done.executionArn }));
    // A Lambda function ARN as Resource is recorded with AWS's LambdaFunction* events.
    expect(events.filter((event) => event.type === 'LambdaFunctionFailed').map((event) => event.lambdaFunctionFailedEventDetails?.error)).toEqual(['TranscoderBusy', 'TranscoderBusy']);
    expect(events.filter((event) => event.type === 'LambdaFunctionScheduled')).toHaveLength(3);
  });

  it('catches what retries cannot fix, with the Lambda error as AWS reports it', async () => {
    failuresBeforeSuccess.set('very-busy', 3);
    const done = await run('caught', { source: 'very-busy' });
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output ?? '');
    expect(output.error.Error).toBe('TranscoderBusy');
    expect(JSON.parse(output.error.Cause)).toMatchObject({ errorType: 'TranscoderBusy', errorMessage: 'busy, 1 to go' });
  });

  it('fails the execution at a Fail state with its Error and Cause', async () => {
    const done = await run('too-small', { source: 'small' });
    expect(done).toMatchObject({ status: 'FAILED', error: 'SourceTooSmall', cause: 'Sources under 720p are refused' });
  });

  it('records the states entered and exited, with ids, in order', async () => {
    const done = await run('history', { source: 'fine' });
    const { events = [] } = await local.client.send(new GetExecutionHistoryCommand({ executionArn: done.executionArn }));
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.type?.endsWith('StateEntered')).map((event) => event.stateEnteredEventDetails?.name)).toEqual(['Probe', 'Wait', 'Decide', 'Accepted']);
    expect(events.every((event) => event.timestamp instanceof Date)).toBe(true);
    const reversed = await local.client.send(new GetExecutionHistoryCommand({ executionArn: done.executionArn, reverseOrder: true, maxResults: 2 }));
    expect(reversed.events?.map((event) => event.type)).toEqual(['ExecutionSucceeded', 'PassStateExited']);
    expect(reversed.nextToken).toBeDefined();
  });

  it('returns the running execution again for the same name and input, and refuses anything else', async () => {
    const stateMachineArn = local.arnOf('hold');
    const first = await local.client.send(new StartExecutionCommand({ stateMachineArn, name: 'upload-42', input: '{"key":"a.mp4"}' }));
    const again = await local.client.send(new StartExecutionCommand({ stateMachineArn, name: 'upload-42', input: '{"key":"a.mp4"}' }));
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    await expect(
      local.client.send(new StartExecutionCommand({ stateMachineArn, name: 'upload-42', input: '{"key":"b.mp4"}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });

    const running = await local.client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));
    expect(running.executions?.map((execution) => execution.name)).toEqual(['upload-42']);

    const stopped = await local.client.send(new StopExecutionCommand({ executionArn: first.executionArn, error: 'Cancelled', cause: 'user deleted the upload' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const description = await local.client.send(new DescribeExecutionCommand({ executionArn: first.executionArn }));
    expect(description).toMatchObject({ status: 'ABORTED' });
    const { events = [] } = await local.client.send(new GetExecutionHistoryCommand({ executionArn: first.executionArn }));
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Cancelled', cause: 'user deleted the upload' } });
    expect((await local.client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'ABORTED' }))).executions).toHaveLength(1);
    expect((await local.client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }))).executions).toHaveLength(0);

    // Once the first run has closed, AWS refuses the name whatever the input.
    await expect(
      local.client.send(new StartExecutionCommand({ stateMachineArn, name: 'upload-42', input: '{"key":"a.mp4"}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('answers AWS error codes for bad names, inputs and unknown resources', async () => {
    const stateMachineArn = local.arnOf('pipeline');
    await expect(local.client.send(new StartExecutionCommand({ stateMachineArn, name: 'has space' }))).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(local.client.send(new StartExecutionCommand({ stateMachineArn, name: 'x'.repeat(81) }))).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(local.client.send(new StartExecutionCommand({ stateMachineArn, input: '{not json' }))).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(local.client.send(new StartExecutionCommand({ stateMachineArn: local.arnOf('nope') }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(
      local.client.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:pipeline:nope' })),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('lists and describes the state machines it was given', async () => {
    const { stateMachines = [] } = await local.client.send(new ListStateMachinesCommand({}));
    expect(stateMachines.map((machine) => machine.name)).toEqual(['pipeline', 'hold']);
    const described = await local.client.send(new DescribeStateMachineCommand({ stateMachineArn: local.arnOf('pipeline') }));
    expect(described).toMatchObject({ name: 'pipeline', type: 'STANDARD', status: 'ACTIVE' });
    expect(JSON.parse(described.definition ?? '')).toEqual(pipeline);
  });
});
