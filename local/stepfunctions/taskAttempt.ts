import { deferred } from './deferred';
import type { TaskStateSpec } from './definition';
import { TaskFailedError } from './errors';
import type { ExecutionHistory } from './history';
import { callIntegration, type IntegrationBackends } from './integrations';
import type { Json } from './json';
import type { TimeoutErrorFactory } from './statesTimeoutError';
import { taskEventsFor } from './taskEvents';
import type { TaskTokenRegistry } from './taskTokens';

export interface TaskAttemptDeps {
  backends: IntegrationBackends;
  tokens: TaskTokenRegistry;
  history: ExecutionHistory;
  region: string;
  makeTimeoutError: TimeoutErrorFactory;
  now: () => Date;
}

/** An attempt that was under way before the service restarted: its deadlines keep counting from then. */
export interface ResumedAttempt {
  startedAt: Date;
  lastHeartbeatAt?: Date;
  /** The integration had already answered (TaskSubmitted): only the callback is awaited again. */
  submitted: boolean;
}

export interface TaskAttempt {
  stateName: string;
  spec: TaskStateSpec;
  input: Json;
  /** Present for `.waitForTaskToken` tasks: the token the definition placed in the task's parameters. */
  token: string | undefined;
  /** Lets the execution abandon the attempt when it is stopped or times out; returns the unregister function. */
  onCancel(cancel: (reason: Error) => void): () => void;
  /** Called on each SendTaskHeartbeat, before the heartbeat timer is reset (the journal records it). */
  onHeartbeat?(): void;
  resumed?: ResumedAttempt;
}

type Ending = { kind: 'succeeded'; output: Json } | { kind: 'failed' | 'timedOut'; error: Error } | { kind: 'cancelled'; error: Error };

/**
 * One attempt of a Task state as AWS runs it: scheduled, started, then the integration's result, the callback for
 * `.waitForTaskToken`, a lapsed HeartbeatSeconds or TimeoutSeconds, whichever comes first. Retries are new attempts.
 */
export const runTaskAttempt = (deps: TaskAttemptDeps, attempt: TaskAttempt): Promise<Json> => {
  const { history, tokens } = deps;
  const { spec, token } = attempt;
  const { pattern } = spec.resource;
  const events = taskEventsFor(history, spec, deps.region);
  const outcome = deferred<Json>();
  const timers: { timeout?: NodeJS.Timeout; heartbeat?: NodeJS.Timeout } = {};
  let ended = false;

  const end = (ending: Ending): void => {
    if (ended) return;
    ended = true;
    clearTimeout(timers.timeout);
    clearTimeout(timers.heartbeat);
    if (token) tokens.release(token);
    unregisterCancel();
    settle(ending);
  };

  // The history event the ending writes, then the attempt's answer: its output, or the error Retry/Catch sees.
  const settle = (ending: Ending): void => {
    if (ending.kind === 'succeeded') {
      events.succeeded(ending.output);
      outcome.resolve(ending.output);
      return;
    }
    if (ending.kind === 'failed') events.failed(ending.error);
    if (ending.kind === 'timedOut') events.timedOut(ending.error);
    outcome.reject(ending.error);
  };

  const { resumed } = attempt;
  const msSince = (moment: Date | undefined): number => (moment ? Math.max(0, deps.now().getTime() - moment.getTime()) : 0);

  const armHeartbeat = (sinceLastBeat = 0): void => {
    if (spec.heartbeatSeconds === undefined) return;
    clearTimeout(timers.heartbeat);
    timers.heartbeat = setTimeout(
      () => end({ kind: 'timedOut', error: deps.makeTimeoutError('States.HeartbeatTimeout', `No heartbeat for ${spec.heartbeatSeconds} s (HeartbeatSeconds)`) }),
      spec.heartbeatSeconds * 1000 - sinceLastBeat,
    );
  };

  // TimeoutSeconds counts from the attempt's start, which a resumed attempt had before the restart.
  const armTimeout = (): void => {
    if (spec.timeoutSeconds === undefined) return;
    timers.timeout = setTimeout(
      () => end({ kind: 'timedOut', error: deps.makeTimeoutError('States.Timeout', `Task ran longer than ${spec.timeoutSeconds} s (TimeoutSeconds)`) }),
      spec.timeoutSeconds * 1000 - msSince(resumed?.startedAt),
    );
  };

  const unregisterCancel = attempt.onCancel((reason) => end({ kind: 'cancelled', error: reason }));

  if (!resumed?.submitted) {
    events.scheduled(attempt.input);
    events.started();
  }
  armTimeout();
  armHeartbeat(msSince(resumed?.lastHeartbeatAt ?? resumed?.startedAt));

  if (pattern === 'waitForTaskToken' && token) {
    // Registered before the integration runs: the worker it starts may call back before the call returns.
    tokens.await(token, {
      succeed: (output) => end({ kind: 'succeeded', output }),
      fail: (error, cause) => end({ kind: 'failed', error: new TaskFailedError(error, cause) }),
      heartbeat: () => {
        attempt.onHeartbeat?.();
        armHeartbeat();
      },
    });
  }
  if (resumed?.submitted) return outcome.promise;
  callIntegration(deps.backends, spec.resource.integration, attempt.input).then(
    (output) => {
      if (pattern !== 'waitForTaskToken') end({ kind: 'succeeded', output });
      else if (!ended) events.submitted(output);
    },
    (error: unknown) => end({ kind: 'failed', error: error instanceof Error ? error : new TaskFailedError('States.TaskFailed', String(error)) }),
  );
  return outcome.promise;
};
