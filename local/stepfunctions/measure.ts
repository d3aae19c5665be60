/**
 * Figures for the local Step Functions: `npx tsx local/stepfunctions/measure.ts`.
 * Creation cost (asl-validator dominates), sequential and concurrent executions through the AWS SDK over HTTP,
 * and the callback round trip. Not a test: numbers depend on the machine.
 */
import { performance } from 'node:perf_hooks';
import { DescribeExecutionCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createStepFunctionsService } from './service';
import { startLocalStepFunctions, TEST_ACCOUNT, TEST_REGION } from './testing';

const workflow = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Result: { height: 1080 }, ResultPath: '$.probe', Next: 'Profile' },
    Profile: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'profile', 'Payload.$': '$' },
      ResultSelector: { 'ladder.$': '$.Payload' },
      ResultPath: '$.profile',
      Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 }],
      Next: 'Decide',
    },
    Decide: { Type: 'Choice', Choices: [{ Variable: '$.probe.height', NumericGreaterThan: 720, Next: 'Done' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

const callback = {
  StartAt: 'Hold',
  States: { Hold: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'hold', Payload: { 'token.$': '$$.Task.Token' } }, End: true } },
};

const main = async (): Promise<void> => {
  const createStart = performance.now();
  const many = createStepFunctionsService({
    region: TEST_REGION,
    accountId: TEST_ACCOUNT,
    stateMachines: Array.from({ length: 10 }, (_, i) => ({ name: `machine-${i}`, definition: { ...workflow, Comment: `distinct definition ${i}` } })),
    invokeLambda: async () => ({}),
    putEvents: async () => ({ FailedEntryCount: 0, Entries: [] }),
  });
  const createMs = performance.now() - createStart;
  await many.stop();

  let resolveToken: (token: string) => void = () => undefined;
  const local = await startLocalStepFunctions({
    stateMachines: [
      { name: 'workflow', definition: workflow },
      { name: 'callback', definition: callback },
    ],
    invokeLambda: async (name, payload) => {
      if (name === 'hold' && typeof payload === 'object' && payload !== null && 'token' in payload) resolveToken(String(payload.token));
      return ['360p', '720p', '1080p'];
    },
  });
  const settle = async (executionArn: string): Promise<string> => {
    for (;;) {
      const { status } = await local.client.send(new DescribeExecutionCommand({ executionArn }));
      if (status !== 'RUNNING') return status ?? 'UNKNOWN';
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  const runOne = async (name: string): Promise<void> => {
    const { executionArn = '' } = await local.client.send(new StartExecutionCommand({ stateMachineArn: local.arnOf('workflow'), name, input: '{"videoId":"v"}' }));
    const status = await settle(executionArn);
    if (status !== 'SUCCEEDED') throw new Error(`${name} ended ${status}`);
  };

  for (let i = 0; i < 20; i++) await runOne(`warm-${i}`);
  const sequentialCount = 200;
  const sequentialStart = performance.now();
  for (let i = 0; i < sequentialCount; i++) await runOne(`seq-${i}`);
  const sequentialMs = performance.now() - sequentialStart;

  const concurrentCount = 200;
  const concurrentStart = performance.now();
  await Promise.all(Array.from({ length: concurrentCount }, (_, i) => runOne(`par-${i}`)));
  const concurrentMs = performance.now() - concurrentStart;

  const roundTrips: number[] = [];
  for (let i = 0; i < 50; i++) {
    const tokenArrived = new Promise<string>((resolve) => (resolveToken = resolve));
    const start = performance.now();
    const { executionArn = '' } = await local.client.send(new StartExecutionCommand({ stateMachineArn: local.arnOf('callback'), input: '{}' }));
    const token = await tokenArrived;
    await local.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await settle(executionArn);
    roundTrips.push(performance.now() - start);
  }
  roundTrips.sort((a, b) => a - b);
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  await local.close();

  const figures = {
    node: process.version,
    createServiceWith10DistinctDefinitionsMs: Math.round(createMs),
    sequentialExecutionsPerSecond: Math.round((sequentialCount / sequentialMs) * 1000),
    sequentialMsPerExecution: +(sequentialMs / sequentialCount).toFixed(2),
    concurrentExecutions: concurrentCount,
    concurrentExecutionsPerSecond: Math.round((concurrentCount / concurrentMs) * 1000),
    callbackRoundTripMsP50: +(roundTrips[Math.floor(roundTrips.length / 2)] ?? 0).toFixed(1),
    callbackRoundTripMsP95: +(roundTrips[Math.floor(roundTrips.length * 0.95)] ?? 0).toFixed(1),
    heapUsedMbAfter470Executions: Math.round(heapMb),
  };
  console.log(JSON.stringify(figures, null, 2));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
