import type { StateMachine } from 'aws-local-stepfunctions';

/** One event of the interpreter's own log (the package does not export the type). */
export type InterpreterEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: `${string}EventDetails`]: Record<string, unknown>;
}

const stateTypeToHistoryPrefix: Record<string, string> = {
  Task: 'TaskState',
  Pass: 'PassState',
  Choice: 'ChoiceState',
  Wait: 'WaitState',
  Succeed: 'SucceedState',
  Fail: 'FailState',
  Map: 'MapState',
  Parallel: 'ParallelState',
};

const stringify = (value: unknown): string => JSON.stringify(value ?? null);

/** The execution history in AWS's event types, with ids, previous ids and timestamps. */
export class ExecutionHistory {
  private readonly events: HistoryEvent[];
  /** Called with each new event before it is kept (the journal writes it to disk). */
  onAdd: (event: HistoryEvent) => void = () => undefined;
  /** Set while resuming: the interpreter enters again the state the history already shows as entered. */
  private skipNextEntered = false;

  constructor(
    private readonly now: () => Date,
    recorded: HistoryEvent[] = [],
  ) {
    this.events = [...recorded];
  }

  add(type: string, detailsKey?: string, details?: Record<string, unknown>): void {
    const id = this.events.length + 1;
    const event: HistoryEvent = { id, previousEventId: id - 1, timestamp: this.now(), type };
    if (detailsKey && details) event[`${detailsKey}EventDetails`] = details;
    this.onAdd(event);
    this.events.push(event);
  }

  skipReentry(): void {
    this.skipNextEntered = true;
  }

  list(): HistoryEvent[] {
    return [...this.events];
  }

  /**
   * State transitions come from the interpreter's log; the execution's own start and end and the task events are
   * recorded by the service, so the interpreter's versions of those are left out.
   */
  addFromInterpreter(event: InterpreterEvent): void {
    switch (event.type) {
      case 'StateEntered': {
        if (this.skipNextEntered) {
          this.skipNextEntered = false;
          return;
        }
        const prefix = stateTypeToHistoryPrefix[event.state.type] ?? 'State';
        this.add(`${prefix}Entered`, 'stateEntered', { name: event.state.name, input: stringify(event.state.input), inputDetails: { truncated: false } });
        return;
      }
      case 'StateExited': {
        const prefix = stateTypeToHistoryPrefix[event.state.type] ?? 'State';
        this.add(`${prefix}Exited`, 'stateExited', { name: event.state.name, output: stringify(event.state.output), outputDetails: { truncated: false } });
        return;
      }
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const key = `mapIteration${event.type.slice('MapIteration'.length)}`;
        this.add(event.type, key, { name: event.parentState.name, index: event.index });
        return;
      }
      default:
        return;
    }
  }
}
