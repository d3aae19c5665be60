import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { endJournal, type ExecutionRecord, type RegisteredStateMachine, type Resumption } from './execution';
import { ExecutionHistory, type HistoryEvent } from './history';
import type { ExecutionJournal, ExecutionJournals, JournalContents } from './journal';
import { isJsonObject, parseJsonText, type Json, type JsonObject } from './json';
import { resumePointOf, waitDeadline, type ResumePoint } from './resume';
import type { TaskTokenRegistry } from './taskTokens';

/** The record of an execution as its journal left it: ended, or RUNNING (to be resumed). */
export const recordFromJournal = ({ start, entries }: JournalContents, now: () => Date): ExecutionRecord => {
  const events: HistoryEvent[] = entries.flatMap((entry) => (entry.t === 'event' ? [entry.event] : []));
  const record: ExecutionRecord = {
    executionArn: start.executionArn,
    stateMachineArn: start.stateMachineArn,
    name: start.name,
    status: 'RUNNING',
    startDate: new Date(start.startDate),
    input: start.input,
    history: new ExecutionHistory(now, events),
  };
  const end = entries.find((entry) => entry.t === 'end');
  if (end?.t === 'end') {
    const { t: _t, stopDate, ...outcome } = end;
    Object.assign(record, outcome, { stopDate: new Date(stopDate) });
  }
  return record;
};

/** Every task token the journal shows handed out. */
export const tokensInJournal = ({ entries }: JournalContents): string[] => entries.flatMap((entry) => (entry.t === 'token' ? [entry.token] : []));

// The interpreter times the execution with setTimeout from its own start: it is given what is left.
const SMALLEST_TIMEOUT_SECONDS = 0.001;

/**
 * How a RUNNING execution goes on after a restart: the definition started at the state it had reached, with what is
 * left of the execution's TimeoutSeconds and of a Wait state's time; or its success, when it had only that left to record.
 */
export const resumptionOf = (
  machine: RegisteredStateMachine,
  contents: JournalContents,
  now: Date,
  waitTimeScale: number,
): Resumption | Extract<ResumePoint, { kind: 'succeeded' }> => {
  const { original, forInterpreter } = machine.definition;
  const input: Json = parseJsonText(contents.start.input)?.value ?? {};
  const point = resumePointOf(original, input, contents.entries);
  if (point.kind === 'succeeded') return point;
  const definition: JsonObject = { ...forInterpreter, StartAt: point.stateName };
  if (typeof original.TimeoutSeconds === 'number') {
    const leftMs = original.TimeoutSeconds * 1000 - (now.getTime() - new Date(contents.start.startDate).getTime());
    definition.TimeoutSeconds = Math.max(leftMs / 1000, SMALLEST_TIMEOUT_SECONDS);
  }
  const interpreter = new StateMachine(definition as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
  const states = isJsonObject(original.States) ? original.States : {};
  const state = states[point.stateName];
  const deadline = isJsonObject(state) && state.Type === 'Wait' && point.enteredAt ? waitDeadline(state, point.input, point.enteredAt, waitTimeScale) : undefined;
  return { point, interpreter, ...(deadline ? { waitLeftMs: deadline.getTime() - now.getTime() } : {}) };
};

export interface RestoreDeps {
  journals: ExecutionJournals;
  machines: Map<string, RegisteredStateMachine>;
  tokens: TaskTokenRegistry;
  now: () => Date;
  waitTimeScale: number;
  /** Runs a RUNNING execution on from where it was. */
  resume(machine: RegisteredStateMachine, record: ExecutionRecord, journal: ExecutionJournal, resumption: Resumption): void;
  /** Keeps an execution that has ended (it answers Describe/List/GetExecutionHistory). */
  keep(record: ExecutionRecord): void;
}

/** Ends, in the record and its journal, an execution that was running but can end without running further. */
const endOnRestore = (record: ExecutionRecord, journal: ExecutionJournal, now: Date, outcome: Pick<ExecutionRecord, 'status' | 'output' | 'error' | 'cause'>): void => {
  record.history.onAdd = (event) => journal.append({ t: 'event', event });
  Object.assign(record, outcome, { stopDate: now });
  if (outcome.status === 'SUCCEEDED') record.history.add('ExecutionSucceeded', 'executionSucceeded', { output: outcome.output, outputDetails: { truncated: false } });
  else record.history.add('ExecutionFailed', 'executionFailed', { error: outcome.error, cause: outcome.cause });
  endJournal(journal, record);
};

/** Reads every journal: ended executions are kept as they were, running ones go on from the state they had reached. */
export const restoreExecutions = (deps: RestoreDeps): void => {
  for (const contents of deps.journals.load()) {
    const record = recordFromJournal(contents, deps.now);
    // A token handed out before the restart answers TaskTimedOut, unless its task waits for it again (below).
    for (const token of tokensInJournal(contents)) deps.tokens.markSpent(token);
    deps.keep(record);
    if (record.status !== 'RUNNING') continue;
    const journal = deps.journals.reopen(record.executionArn);
    const machine = deps.machines.get(record.stateMachineArn);
    if (!machine) {
      endOnRestore(record, journal, deps.now(), { status: 'FAILED', error: 'States.Runtime', cause: `The state machine ${record.stateMachineArn} is no longer defined` });
      continue;
    }
    const next = resumptionOf(machine, contents, deps.now(), deps.waitTimeScale);
    if (!('point' in next)) endOnRestore(record, journal, deps.now(), { status: 'SUCCEEDED', output: JSON.stringify(next.output) });
    else deps.resume(machine, record, journal, next);
  }
};
