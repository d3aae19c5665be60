import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import type { StateMachineType } from './arns';
import type { PreparedDefinition } from './definition';
import { ExecutionHistory } from './history';
import type { IntegrationBackends } from './integrations';
import type { ExecutionJournal } from './journal';
import type { Json } from './json';
import { resumedAttempt, type ResumePoint } from './resume';
import { timingOverrides, withResumedWait } from './runOverrides';
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
  /** Where the execution is kept on disk (absent: in memory only). */
  journal?: ExecutionJournal;
}

/** How an execution that was running before a restart goes on: from which state, on which interpreter. */
export interface Resumption {
  point: Extract<ResumePoint, { kind: 'state' }>;
  /** The definition started at that state, with what is left of the execution's TimeoutSeconds. */
  interpreter: StateMachine;
  /** For a Wait state resumed: milliseconds left until its original deadline. */
  waitLeftMs?: number;
}

export interface RunningExecution {
  record: ExecutionRecord;
  /** Settles once the execution has reached a terminal status and its history is complete. */
  finished: Promise<void>;
  stop(error?: string, cause?: string): Promise<void>;
  /** Lets go of a running execution without ending it (the service stops; the journal keeps it for the next start). */
  detach(): Promise<void>;
}

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
  // A Fail state without Error or Cause leaves them out (the patched interpreter names them ''), as AWS does.
  if (cause instanceof Error) return { status: 'FAILED', ...(cause.name ? { error: cause.name } : {}), ...(cause.message ? { cause: cause.message } : {}) };
  return { status: 'FAILED', error: 'States.Runtime', cause: String(cause) };
};

/**
 * Starts one execution of a state machine on the interpreter (or resumes one from the state it had reached) and keeps
 * its record, history and journal up to date.
 */
export const startExecution = (deps: ExecutionDeps, machine: RegisteredStateMachine, record: ExecutionRecord, input: Json, resume?: Resumption): RunningExecution => {
  const { history } = record;
  const cancellers = new Set<(reason: Error) => void>();
  let stopRequest: { error?: string; cause?: string } | undefined;
  let detached = false;
  // The first Task handler called after a resume is the resumed state's: it takes over the task in flight.
  let inFlight = resume?.point.task;
  const resumedToken = inFlight?.token;
  if (resumedToken) deps.tokens.expect(resumedToken);
  const tokenSource = taskTokenSource(() => inFlight?.token ?? deps.tokens.mint(record.executionArn));

  // Written (and fsynced) after the state's entry and before the worker can see the token: a token handed out is never lost.
  const journalNewToken = (stateName: string, token: string | undefined, resumed: { token?: string | undefined } | undefined): void => {
    if (token && token !== resumed?.token) deps.journal?.append({ t: 'token', state: stateName, token });
  };

  const taskHandler = (stateName: string) => {
    const spec = machine.definition.taskStates.get(stateName);
    return async (taskInput: Json): Promise<Json> => {
      const claimed = tokenSource.take();
      const resumed = inFlight && resume?.point.stateName === stateName ? inFlight : undefined;
      inFlight = undefined;
      if (!spec) throw new Error(`Task state '${stateName}' was not prepared: this is a bug in local/stepfunctions`);
      if (record.status !== 'RUNNING') throw new Error('The execution has ended');
      const token = spec.resource.pattern === 'waitForTaskToken' ? (claimed ?? deps.tokens.mint(record.executionArn)) : undefined;
      // The interpreter delivers its own events (TaskStateEntered, ...) in microtasks: let them land first.
      await nextMacrotask();
      journalNewToken(stateName, token, resumed);
      return runTaskAttempt(
        { backends: deps.backends, tokens: deps.tokens, history, region: deps.region, makeTimeoutError: deps.makeTimeoutError, now: deps.now },
        {
          stateName,
          spec,
          input: taskInput,
          token,
          onCancel: (cancel) => {
            cancellers.add(cancel);
            return () => cancellers.delete(cancel);
          },
          ...(token ? { onHeartbeat: () => deps.journal?.append({ t: 'heartbeat', token, at: deps.now().toISOString() }) } : {}),
          ...resumedAttempt(resumed, token, resume?.point.enteredAt),
        },
      );
    };
  };

  if (!resume) history.add('ExecutionStarted', 'executionStarted', { input: record.input, inputDetails: { truncated: false }, roleArn: machine.roleArn });
  else if (resume.point.enteredAt) history.skipReentry();
  const interpreter = resume?.interpreter ?? machine.interpreter;
  const run = interpreter.run(resume ? resume.point.input : input, {
    overrides: withResumedWait(
      {
        taskResourceLocalHandlers: Object.fromEntries([...machine.definition.taskStates.keys()].map((name) => [name, taskHandler(name)])),
        ...timingOverrides(machine.definition, deps.waitTimeScale),
      },
      resume,
    ),
    context: {
      Execution: { Id: record.executionArn, Input: input, Name: record.name, RoleArn: machine.roleArn, StartTime: record.startDate.toISOString() },
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
    if (resumedToken) deps.tokens.release(resumedToken);
    if (detached) return;
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
    endJournal(deps.journal, record);
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
    detach: async () => {
      if (record.status !== 'RUNNING') return;
      detached = true;
      deps.journal?.close();
      run.abort();
      await finished;
    },
  };
};

/** The journal's last line for an execution that has ended. */
export const endJournal = (journal: ExecutionJournal | undefined, record: ExecutionRecord): void => {
  if (record.status === 'RUNNING') return;
  const { status, stopDate, output, error, cause } = record;
  journal?.append({
    t: 'end',
    status,
    stopDate: (stopDate ?? new Date()).toISOString(),
    ...(output === undefined ? {} : { output }),
    ...(error === undefined ? {} : { error }),
    ...(cause === undefined ? {} : { cause }),
  });
  journal?.close();
};
