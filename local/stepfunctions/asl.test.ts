import { DescribeExecutionCommand, GetExecutionHistoryCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startLocalStepFunctions, type LocalStepFunctions } from './testing';

// Given/when/then cases from AWS's Amazon States Language documentation, run through the SDK against the local service.
const passWith = (parameters: Record<string, unknown>) => ({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: parameters, End: true } } });
const choiceOn = (rule: Record<string, unknown>) => ({
  StartAt: 'C',
  States: {
    C: { Type: 'Choice', Choices: [{ Variable: '$.value', ...rule, Next: 'Matched' }], Default: 'NotMatched' },
    Matched: { Type: 'Pass', Result: 'matched', End: true },
    NotMatched: { Type: 'Pass', Result: 'not matched', End: true },
  },
});

const typeTests = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'] as const;

const machines = [
  ...typeTests.flatMap((test) => [true, false].map((value) => ({ name: `${test}-${value}`, definition: choiceOn({ [test]: value }) }))),
  {
    name: 'intrinsics',
    definition: passWith({
      'format.$': "States.Format('item {} of {}', $.item, $.list)",
      'empty.$': 'States.StringToJson($.blank)',
      'sum.$': 'States.MathAdd($.a, $.b)',
      'negativeSum.$': 'States.MathAdd($.c, $.d)',
      'split.$': "States.StringSplit($.csv, ',;')",
      'wildcard.$': '$.items[*].missing',
      'one.$': '$.items[*].id',
    }),
  },
  { name: 'bare-fail', definition: { StartAt: 'F', States: { F: { Type: 'Fail' } } } },
  {
    name: 'path-fail',
    definition: { StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: "States.Format('{}.Failed', $.stage)", CausePath: '$$.Execution.Name' } } },
  },
  {
    name: 'state-context',
    definition: {
      StartAt: 'Flaky',
      States: {
        Flaky: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:flaky',
          Parameters: { 'name.$': '$$.State.Name', 'entered.$': '$$.State.EnteredTime', 'retry.$': '$$.State.RetryCount' },
          Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 1, MaxAttempts: 2 }],
          End: true,
        },
      },
    },
  },
  {
    name: 'map-item',
    definition: {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.shows',
          ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value' },
          ItemProcessor: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    },
  },
  {
    name: 'slow',
    definition: { StartAt: 'Hold', TimeoutSeconds: 1, States: { Hold: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:hang', End: true } } },
  },
];

describe('Amazon States Language semantics, as AWS runs them', () => {
  let local: LocalStepFunctions;
  const flakyCalls: unknown[] = [];

  beforeAll(async () => {
    local = await startLocalStepFunctions({
      stateMachines: machines,
      invokeLambda: async (fn, payload) => {
        if (fn.endsWith(':hang')) return new Promise(() => undefined);
        flakyCalls.push(payload);
        if (flakyCalls.length % 2 === 1) throw Object.assign(new Error('try again'), { name: 'Busy' });
        return payload;
      },
    });
  });
  afterAll(() => local.close());

  const run = async (machine: string, input: unknown, name?: string) => {
    const { executionArn = '' } = await local.client.send(
      new StartExecutionCommand({ stateMachineArn: local.arnOf(machine), input: JSON.stringify(input), ...(name ? { name } : {}) }),
    );
    return local.settled(executionArn);
  };
  const outputOf = async (machine: string, input: unknown) => JSON.parse((await run(machine, input)).output ?? 'null') as unknown;

  // AWS: "IsNull: false" matches when the value is not null, and so on for each type test.
  it.each([
    ['IsNull', { value: 1 }, { value: null }],
    ['IsPresent', {}, { value: 1 }],
    ['IsNumeric', { value: '1' }, { value: 1 }],
    ['IsString', { value: 1 }, { value: 'a' }],
    ['IsBoolean', { value: 'true' }, { value: true }],
    ['IsTimestamp', { value: 'yesterday' }, { value: '2016-03-14T01:59:00Z' }],
  ])('given a Choice rule %s: false, when the test does not hold, then it matches, and with true it does not', async (test, failsTheTest, passesTheTest) => {
    expect(await outputOf(`${test}-false`, failsTheTest)).toBe('matched');
    expect(await outputOf(`${test}-false`, passesTheTest)).toBe('not matched');
    expect(await outputOf(`${test}-true`, passesTheTest)).toBe('matched');
    expect(await outputOf(`${test}-true`, failsTheTest)).toBe('not matched');
  });

  it('given the intrinsic functions, when their arguments are non-scalar, fractional, empty or split by several characters, then they answer as on AWS', async () => {
    // MathAdd: "If you specify a non-integer value for one or both the arguments, Step Functions will round it off to
    // the nearest integer" (AWS's intrinsic functions page); halves go up, as Java's Math.round: 1.5 -> 2, -2.5 -> -2.
    const output = await outputOf('intrinsics', { item: 2, list: [1, 'x'], blank: '', a: 1.5, b: 2.25, c: -2.5, d: -0.4, csv: 'a,b;;c,', items: [{ id: 7 }] });
    expect(output).toEqual({ format: 'item 2 of [1,"x"]', empty: null, sum: 4, negativeSum: -2, split: ['a', 'b', 'c'], wildcard: [], one: [7] });
  });

  it('given a Fail state without Error or Cause, when it runs, then the execution FAILED with neither', async () => {
    const done = await run('bare-fail', {});
    expect(done.status).toBe('FAILED');
    expect(done.error).toBeUndefined();
    expect(done.cause).toBeUndefined();
  });

  it('given ErrorPath with an intrinsic function and CausePath on the context object, when the Fail state runs, then both are evaluated', async () => {
    const done = await run('path-fail', { stage: 'Transcode' }, 'show-42');
    expect({ status: done.status, error: done.error, cause: done.cause }).toEqual({ status: 'FAILED', error: 'Transcode.Failed', cause: 'show-42' });
  });

  it('given $$.State in Parameters, when the task is retried, then Name, EnteredTime and RetryCount are those of the state', async () => {
    const done = await run('state-context', {});
    expect(done.status).toBe('SUCCEEDED');
    expect(flakyCalls).toEqual([
      { name: 'Flaky', entered: expect.any(String), retry: 0 },
      { name: 'Flaky', entered: expect.any(String), retry: 1 },
    ]);
    const entered = flakyCalls.map((call) => (call as { entered: string }).entered);
    expect(entered[1]).toBe(entered[0]); // entered once; the retry does not enter it again
  });

  it('given a Task on a Lambda function ARN, when it fails once and is retried, then the history has the LambdaFunction* events with their details', async () => {
    flakyCalls.length = 0;
    const done = await run('state-context', {});
    const { events = [] } = await local.client.send(new GetExecutionHistoryCommand({ executionArn: done.executionArn }));
    const lambdaEvents = events.filter((event) => event.type?.startsWith('LambdaFunction'));
    expect(lambdaEvents.map((event) => event.type)).toEqual([
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
    ]);
    const [scheduled, , failed, , , succeeded] = lambdaEvents;
    expect(scheduled?.lambdaFunctionScheduledEventDetails).toEqual({
      resource: 'arn:aws:lambda:us-east-1:123456789012:function:flaky',
      input: expect.stringContaining('"name":"Flaky"'),
      inputDetails: { truncated: false },
    });
    expect(failed?.lambdaFunctionFailedEventDetails).toMatchObject({ error: 'Busy', cause: expect.stringContaining('try again') });
    expect(JSON.parse(succeeded?.lambdaFunctionSucceededEventDetails?.output ?? 'null')).toMatchObject({ name: 'Flaky', retry: 1 });
    expect(events.some((event) => /^Task(Scheduled|Started|Succeeded|Failed)$/.test(event.type ?? ''))).toBe(false);
  });

  it('given $$.Map.Item in ItemSelector, when the Map runs, then each iteration gets its Index and Value', async () => {
    expect(await outputOf('map-item', { shows: ['a', 'b'] })).toEqual([
      { index: 0, value: 'a' },
      { index: 1, value: 'b' },
    ]);
  });

  it('given an execution past its TimeoutSeconds, when described, then it is TIMED_OUT with States.Timeout and a stopDate', async () => {
    const { executionArn = '' } = await local.client.send(new StartExecutionCommand({ stateMachineArn: local.arnOf('slow'), input: '{}' }));
    const done = await local.settled(executionArn);
    const described = await local.client.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout', stopDate: expect.any(Date) });
    expect(done.output).toBeUndefined();
  });
});
