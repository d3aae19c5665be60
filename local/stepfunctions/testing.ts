import { createServer } from 'node:http';
import { DescribeExecutionCommand, SFNClient, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { freePort } from '../parts/freePort';
import { stepFunctionsRequestListener } from './httpListener';
import { createStepFunctionsService, type StepFunctionsService, type StepFunctionsServiceOptions } from './service';

export const TEST_REGION = 'us-east-1';
export const TEST_ACCOUNT = '123456789012';

export interface LocalStepFunctions {
  client: SFNClient;
  service: StepFunctionsService;
  arnOf(stateMachineName: string): string;
  /** Polls DescribeExecution until the execution has left RUNNING. */
  settled(executionArn: string, timeoutMs?: number): Promise<DescribeExecutionCommandOutput>;
  close(): Promise<void>;
  /** Closes the endpoint but leaves the service as a crash would: not stopped, nothing written on the way out. */
  abandon(): Promise<void>;
}

/** The service behind a real node:http server on a free port, with the real AWS SDK client pointed at it. */
export const startLocalStepFunctions = async (
  options: Partial<StepFunctionsServiceOptions> & Pick<StepFunctionsServiceOptions, 'stateMachines'>,
): Promise<LocalStepFunctions> => {
  const service = createStepFunctionsService({
    region: TEST_REGION,
    accountId: TEST_ACCOUNT,
    invokeLambda: async (name) => {
      throw new Error(`no Lambda function ${name} in this test`);
    },
    putEvents: async (entries) => ({ FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `event-${i}` })) }),
    waitTimeScale: 0,
    ...options,
  });
  const server = createServer(stepFunctionsRequestListener(service));
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const client = new SFNClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: TEST_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const settled = async (executionArn: string, timeoutMs = 10_000): Promise<DescribeExecutionCommandOutput> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const description = await client.send(new DescribeExecutionCommand({ executionArn }));
      if (description.status !== 'RUNNING') return description;
      if (Date.now() > deadline) throw new Error(`execution ${executionArn} still RUNNING after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const closeEndpoint = async (): Promise<void> => {
    client.destroy();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  };
  return {
    client,
    service,
    arnOf: (name) => `arn:aws:states:${TEST_REGION}:${TEST_ACCOUNT}:stateMachine:${name}`,
    settled,
    close: async () => {
      await service.stop();
      await closeEndpoint();
    },
    abandon: closeEndpoint,
  };
};
