import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { apiHandler } from './apiHandler';
import type * as shapes from './apiShapes';
import { assertValidName, executionArnOf, stateMachineArnOf, type StateMachineType } from './arns';
import { prepareDefinition } from './definition';
import { StepFunctionsApiError } from './errors';
import { startExecution, type ExecutionRecord, type RegisteredStateMachine, type Resumption, type RunningExecution } from './execution';
import { ExecutionHistory, type HistoryEvent } from './history';
import type { IntegrationBackends } from './integrations';
import { executionJournals, type ExecutionJournal } from './journal';
import { parseJsonText, type Json } from './json';
import { paginate } from './paginate';
import { restoreExecutions } from './restore';
import { loadTimeoutErrorFactory, type TimeoutErrorFactory } from './statesTimeoutError';
import { TaskTokenRegistry } from './taskTokens';

export interface StateMachineConfig {
  name: string;
  /** The ASL definition, as an object or as the JSON string serverless.yml would produce. */
  definition: unknown;
  type?: StateMachineType;
  roleArn?: string;
}

export interface StepFunctionsServiceOptions extends Omit<IntegrationBackends, 'dynamodb'> {
  region: string;
  accountId: string;
  stateMachines: StateMachineConfig[];
  /** Endpoint of the DynamoDB that `arn:aws:states:::dynamodb:*` tasks call. */
  dynamodb?: { endpoint: string };
  /** 0: Wait states and retry intervals do not pause (tests); 1 (default): as written. */
  waitTimeScale?: number;
  now?: () => Date;
  /**
   * Where executions are kept (`<dataDir>/executions`, one journal each): with it, executions survive a restart and
   * running ones go on from where they were; without it they live in memory only.
   */
  dataDir?: string;
}

export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionRecord['status'];
  startDate: Date;
  stopDate?: Date;
  input: string;
  inputDetails: { included: boolean };
  output?: string;
  outputDetails?: { included: boolean };
  error?: string;
  cause?: string;
}

export interface StepFunctionsService {
  /** Answers one AWS JSON protocol call (`X-Amz-Target: AWSStepFunctions.<operation>`); errors come back as `{ __type, message }`. */
  handle(operation: string, body: unknown): Promise<{ status: number; body: unknown }>;
  startExecution(request: shapes.StartExecutionRequest): Promise<{ executionArn: string; startDate: Date }>;
  describeExecution(request: shapes.ExecutionArnRequest): Promise<ExecutionDescription>;
  listStateMachines(request?: shapes.ListStateMachinesRequest): Promise<{ stateMachines: Array<{ stateMachineArn: string; name: string; type: StateMachineType; creationDate: Date }>; nextToken?: string }>;
  describeStateMachine(request: shapes.StateMachineArnRequest): Promise<{ stateMachineArn: string; name: string; status: 'ACTIVE'; definition: string; roleArn: string; type: StateMachineType; creationDate: Date }>;
  listExecutions(request: shapes.ListExecutionsRequest): Promise<{ executions: Array<Omit<ExecutionDescription, 'input' | 'inputDetails' | 'output' | 'outputDetails' | 'error' | 'cause'>>; nextToken?: string }>;
  getExecutionHistory(request: shapes.GetExecutionHistoryRequest): Promise<{ events: HistoryEvent[]; nextToken?: string }>;
  stopExecution(request: shapes.StopExecutionRequest): Promise<{ stopDate: Date }>;
  sendTaskSuccess(request: shapes.SendTaskSuccessRequest): Promise<Record<string, never>>;
  sendTaskFailure(request: shapes.SendTaskFailureRequest): Promise<Record<string, never>>;
  sendTaskHeartbeat(request: shapes.SendTaskHeartbeatRequest): Promise<Record<string, never>>;
  /**
   * Releases every running execution's timers. With a dataDir they stay RUNNING on disk and go on at the next start;
   * without one they are aborted.
   */
  stop(): Promise<void>;
}

// Step Functions caps execution input at 256 KiB.
const MAX_INPUT_BYTES = 256 * 1024;

const registerStateMachines = (options: StepFunctionsServiceOptions, now: () => Date): Map<string, RegisteredStateMachine> => {
  const machines = new Map<string, RegisteredStateMachine>();
  for (const config of options.stateMachines) {
    assertValidName(config.name);
    const type = config.type ?? 'STANDARD';
    const definition = prepareDefinition(config.name, config.definition, type);
    const arn = stateMachineArnOf(options.region, options.accountId, config.name);
    machines.set(arn, {
      name: config.name,
      arn,
      type,
      roleArn: config.roleArn ?? `arn:aws:iam::${options.accountId}:role/${config.name}-role`,
      creationDate: now(),
      definition,
      // Validated above with asl-validator 4; the interpreter's bundled validator (v3) is older, so it is skipped.
      interpreter: new StateMachine(definition.forInterpreter as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } }),
    });
  }
  return machines;
};

const describe = ({ history: _history, ...record }: ExecutionRecord): ExecutionDescription => ({
  ...record,
  inputDetails: { included: true },
  ...(record.output === undefined ? {} : { outputDetails: { included: true } }),
});

/** The local Step Functions: runs the real ASL definitions and speaks the API our code and the AWS SDK use. */
export function createStepFunctionsService(options: StepFunctionsServiceOptions): StepFunctionsService {
  const now = options.now ?? (() => new Date());
  const machines = registerStateMachines(options, now);
  const executions = new Map<string, RunningExecution>();
  const tokens = new TaskTokenRegistry();
  const backends: IntegrationBackends = {
    invokeLambda: options.invokeLambda,
    putEvents: options.putEvents,
    ...(options.mediaConvertCreateJob ? { mediaConvertCreateJob: options.mediaConvertCreateJob } : {}),
    ...(options.dynamodb
      ? { dynamodb: new DynamoDBClient({ endpoint: options.dynamodb.endpoint, region: options.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }) }
      : {}),
  };

  const machineOf = (stateMachineArn: string): RegisteredStateMachine => {
    const machine = machines.get(stateMachineArn);
    if (!machine) throw new StepFunctionsApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    return machine;
  };
  const journals = options.dataDir === undefined ? undefined : executionJournals(join(options.dataDir, 'executions'));
  const waitTimeScale = options.waitTimeScale ?? 1;
  const launch = (makeTimeoutError: TimeoutErrorFactory, machine: RegisteredStateMachine, record: ExecutionRecord, input: Json, journal?: ExecutionJournal, resume?: Resumption) => {
    if (journal) record.history.onAdd = (event) => journal.append({ t: 'event', event });
    const deps = { backends, tokens, region: options.region, now, waitTimeScale, makeTimeoutError, ...(journal ? { journal } : {}) };
    executions.set(record.executionArn, startExecution(deps, machine, record, input, resume));
  };
  // Every call waits until the executions on disk are back (running needs the timeout error class, loaded async).
  const ready = (async (): Promise<TimeoutErrorFactory> => {
    const makeTimeoutError = await loadTimeoutErrorFactory();
    if (!journals) return makeTimeoutError;
    restoreExecutions({
      ...{ journals, machines, tokens, now, waitTimeScale },
      keep: (record) => executions.set(record.executionArn, { record, finished: Promise.resolve(), stop: async () => undefined, detach: async () => undefined }),
      resume: (machine, record, journal, resumption) => launch(makeTimeoutError, machine, record, parseJsonText(record.input)?.value ?? {}, journal, resumption),
    });
    return makeTimeoutError;
  })();
  const executionOf = async (executionArn: string): Promise<RunningExecution> => {
    await ready;
    const execution = executions.get(executionArn);
    if (!execution) throw new StepFunctionsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  };

  const service: Omit<StepFunctionsService, 'handle'> = {
    async startExecution(request) {
      const machine = machineOf(request.stateMachineArn);
      const name = request.name ?? randomUUID();
      assertValidName(name);
      const inputText = request.input ?? '{}';
      const input = parseJsonText(inputText);
      if (!input) throw new StepFunctionsApiError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input must be a JSON text');
      if (Buffer.byteLength(inputText) > MAX_INPUT_BYTES) throw new StepFunctionsApiError('InvalidExecutionInput', 'The input is larger than 256 KiB');
      const makeTimeoutError = await ready;
      const executionArn = executionArnOf(machine.arn, machine.type, name);
      const existing = executions.get(executionArn)?.record;
      if (existing) {
        // AWS: the same name and input while the first run is open is the same request; anything else is refused.
        if (existing.status === 'RUNNING' && existing.input === inputText) return { executionArn, startDate: existing.startDate };
        throw new StepFunctionsApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
      }
      const record: ExecutionRecord = { executionArn, stateMachineArn: machine.arn, name, status: 'RUNNING', startDate: now(), input: inputText, history: new ExecutionHistory(now) };
      // The journal's first line is fsynced before StartExecution answers: an acknowledged execution is never lost.
      const journal = journals?.create({ t: 'start', executionArn, stateMachineArn: machine.arn, name, startDate: record.startDate.toISOString(), input: inputText });
      launch(makeTimeoutError, machine, record, input.value, journal);
      return { executionArn, startDate: record.startDate };
    },
    async describeExecution({ executionArn }) {
      return describe((await executionOf(executionArn)).record);
    },
    async listStateMachines(request = {}) {
      const all = [...machines.values()].map(({ arn, name, type, creationDate }) => ({ stateMachineArn: arn, name, type, creationDate }));
      const { items, nextToken } = paginate(all, request.maxResults, request.nextToken);
      return { stateMachines: items, ...(nextToken ? { nextToken } : {}) };
    },
    async describeStateMachine({ stateMachineArn }) {
      const machine = machineOf(stateMachineArn);
      return {
        stateMachineArn: machine.arn,
        name: machine.name,
        status: 'ACTIVE',
        definition: JSON.stringify(machine.definition.original),
        roleArn: machine.roleArn,
        type: machine.type,
        creationDate: machine.creationDate,
      };
    },
    async listExecutions(request) {
      await ready;
      machineOf(request.stateMachineArn);
      const matching = [...executions.values()]
        .map(({ record }) => record)
        .filter((record) => record.stateMachineArn === request.stateMachineArn && (!request.statusFilter || record.status === request.statusFilter))
        .reverse()
        .map(({ executionArn, stateMachineArn, name, status, startDate, stopDate }) => ({ executionArn, stateMachineArn, name, status, startDate, ...(stopDate ? { stopDate } : {}) }));
      const { items, nextToken } = paginate(matching, request.maxResults, request.nextToken);
      return { executions: items, ...(nextToken ? { nextToken } : {}) };
    },
    async getExecutionHistory(request) {
      const events = (await executionOf(request.executionArn)).record.history.list();
      const ordered = request.reverseOrder ? events.reverse() : events;
      const { items, nextToken } = paginate(ordered, request.maxResults, request.nextToken);
      return { events: items, ...(nextToken ? { nextToken } : {}) };
    },
    async stopExecution({ executionArn, error, cause }) {
      const execution = await executionOf(executionArn);
      await execution.stop(error, cause);
      return { stopDate: execution.record.stopDate ?? now() };
    },
    async sendTaskSuccess({ taskToken, output }) {
      const parsed = parseJsonText(output);
      if (!parsed) throw new StepFunctionsApiError('InvalidOutput', 'Invalid Output: the output must be a JSON text');
      await ready;
      await tokens.succeed(taskToken, parsed.value);
      return {};
    },
    async sendTaskFailure({ taskToken, error, cause }) {
      await ready;
      await tokens.fail(taskToken, error ?? '', cause ?? '');
      return {};
    },
    async sendTaskHeartbeat({ taskToken }) {
      await ready;
      await tokens.heartbeat(taskToken);
      return {};
    },
    async stop() {
      await ready;
      await Promise.all(
        [...executions.values()].map((execution) =>
          journals ? execution.detach() : execution.stop('LocalServiceStopped', 'The local Step Functions service was stopped'),
        ),
      );
      backends.dynamodb?.destroy();
    },
  };

  return { ...service, handle: apiHandler(service) };
}
