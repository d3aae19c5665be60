import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine, type RunOptions } from 'aws-local-stepfunctions';
import type { StateMachineType } from './arns';
import type { PreparedDefinition } from './definition';
import { ExecutionHistory } from './history';
import type { IntegrationBackends } from './integrations';
import type { Json } from './json';
import type { TimeoutErrorFactory } from './statesTimeoutError';
import { runTaskAttempt } from './taskAttempt';
import type { TaskTokenRegistry } from './taskTokens';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface RegisteredStateMachine {
  name: string;
  arn: string;
  type: StateMachineType;
  roleArn: string;
  creationDate: Date;
  definition: PreparedDefinition;
  interpreter: StateMachine;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  history: ExecutionHistory;
}

export interface ExecutionDeps {
  backends: IntegrationBackends;
  tokens: TaskTokenRegistry;
  region: string;
  now: () => Date;
  waitTimeScale: number;
  makeTimeoutError: TimeoutErrorFactory;
}

export interface RunningExecution {
  record: ExecutionRecord;
  /** Settles once the execution has reached a terminal status and its history is complete. */
  finished: Promise<void>;
  stop(error?: string, cause?: string): Promise<void>;
}

/** Wait and retry pauses scaled for tests: 0 makes them instant; other scales apply to fixed `Seconds` and intervals. */
const timingOverrides = (definition: PreparedDefinition, scale: number): NonNullable<RunOptions['overrides']> => {
  if (scale === 1) return {};
  const waitTimeOverrides: Record<string, number> = {};
  for (const [name, seconds] of definition.waitStateSeconds) {
    if (scale === 0 || seconds !== undefined) waitTimeOverrides[name] = (seconds ?? 0) * 1000 * scale;
  }
  const retryIntervalOverrides: Record<string, number[]> = {};
  for (const [name, intervals] of definition.retryIntervalsByState) {
    retryIntervalOverrides[name] = intervals.map((seconds) => seconds * 1000 * scale);
  }
  return { waitTimeOverrides, retryIntervalOverrides };
};

/**
 * `$$.Task.Token` is read by the interpreter while it builds a Task's parameters, synchronously followed by the call
 * of that Task's handler, which takes the token. Reads within that one synchronous step see the same token.
 */
const taskTokenSource = (mint: () => string) => {
  let current: string | undefined;
  return {
    context: {
      get Token(): string {
        if (current === undefined) {
          current = mint();
          queueMicrotask(() => (current = undefined));
        }
        return current;
      },
    },
    take(): string | undefined {
      const token = current;
      current = undefined;
      return token;
    },
  };
};

const failureOf = (error: unknown): { status: ExecutionStatus; error?: string; cause?: string } => {
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  if (error instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution ran longer than the state machine TimeoutSeconds' };
  const cause = error instanceof ExecutionError ? error.cause : error;
  if (cause instanceof Error) return { status: 'FAILED', error: cause.name, cause: cause.message };
  return { status: 'FAILED', error: 'States.Runtime', cause: String(cause) };
};

/** Starts one execution of a state machine on the interpreter and keeps its record and history up to date. */
export const startExecution = (deps: ExecutionDeps, machine: RegisteredStateMachine, record: ExecutionRecord, input: Json): RunningExecution => {
  const { history } = record;
  const cancellers = new Set<(reason: Error) => void>();
  let stopRequest: { error?: string; cause?: string } | undefined;
  const tokenSource = taskTokenSource(() => deps.tokens.mint(record.executionArn));

  const taskHandler = (stateName: string) => {
    const spec = machine.definition.taskStates.get(stateName);
    return async (taskInput: Json): Promise<Json> => {
      const claimed = tokenSource.take();
      if (!spec) throw new Error(`Task state '${stateName}' was not prepared: this is a bug in local/stepfunctions`);
      if (record.status !== 'RUNNING') throw new Error('The execution has ended');
      const token = spec.resource.pattern === 'waitForTaskToken' ? (claimed ?? deps.tokens.mint(record.executionArn)) : undefined;
      // The interpreter delivers its own events (TaskStateEntered, ...) in microtasks: let them land first.
      await nextMacrotask();
      return runTaskAttempt(
        { backends: deps.backends, tokens: deps.tokens, history, region: deps.region, makeTimeoutError: deps.makeTimeoutError },
        {
          stateName,
          spec,
          input: taskInput,
          token,
          onCancel: (cancel) => {
            cancellers.add(cancel);
            return () => cancellers.delete(cancel);
          },
        },
      );
    };
  };

  history.add('ExecutionStarted', 'executionStarted', { input: record.input, inputDetails: { truncated: false }, roleArn: machine.roleArn });
  const run = machine.interpreter.run(input, {
    overrides: {
      taskResourceLocalHandlers: Object.fromEntries([...machine.definition.taskStates.keys()].map((name) => [name, taskHandler(name)])),
      ...timingOverrides(machine.definition, deps.waitTimeScale),
    },
    context: {
      Execution: { Id: record.executionArn, Name: record.name, RoleArn: machine.roleArn, StartTime: record.startDate.toISOString() },
      StateMachine: { Id: machine.arn, Name: machine.name },
      Task: tokenSource.context,
    },
  });
  const historyDrained = (async () => {
    for await (const event of run.eventLogs) history.addFromInterpreter(event);
  })();

  const settle = async (outcome: { status: ExecutionStatus; output?: string; error?: string; cause?: string }): Promise<void> => {
    await historyDrained;
    for (const cancel of cancellers) cancel(new Error('The execution has ended'));
    Object.assign(record, outcome, { stopDate: deps.now() });
    if (outcome.status === 'SUCCEEDED') {
      history.add('ExecutionSucceeded', 'executionSucceeded', { output: outcome.output, outputDetails: { truncated: false } });
    } else if (outcome.status === 'ABORTED') {
      history.add('ExecutionAborted', 'executionAborted', { error: outcome.error, cause: outcome.cause });
    } else if (outcome.status === 'TIMED_OUT') {
      history.add('ExecutionTimedOut', 'executionTimedOut', { error: outcome.error, cause: outcome.cause });
    } else {
      history.add('ExecutionFailed', 'executionFailed', { error: outcome.error, cause: outcome.cause });
    }
  };

  const finished = run.result.then(
    (output) => settle({ status: 'SUCCEEDED', output: JSON.stringify(output) }),
    (error: unknown) => {
      const failure = failureOf(error);
      return settle(failure.status === 'ABORTED' ? { status: 'ABORTED', ...stopRequest } : failure);
    },
  );

  return {
    record,
    finished,
    stop: async (error, cause) => {
      if (record.status !== 'RUNNING') return;
      stopRequest = { ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) };
      run.abort();
      await finished;
    },
  };
};
