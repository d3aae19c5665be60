import type { HistoryEvent } from './history';
import type { JournalEntry } from './journal';
import { isJsonObject, jsonSchema, type Json, type JsonObject } from './json';
import type { ResumedAttempt } from './taskAttempt';

/** Where a task that was under way when the service went down stands. */
export interface TaskInFlight {
  /** The token the task was waiting on (`.waitForTaskToken`), which the resumed task waits on again. */
  token?: string;
  /** When the attempt started: TimeoutSeconds still counts from here. */
  startedAt?: Date;
  /** The last SendTaskHeartbeat (or the start): HeartbeatSeconds counts from here. */
  lastHeartbeatAt?: Date;
  /** The integration had answered (TaskSubmitted): only the callback is awaited, the worker is not called again. */
  submitted: boolean;
}

/** Where an execution that was running picks up again: a top-level state and its effective input. */
export type ResumePoint =
  | { kind: 'state'; stateName: string; input: Json; enteredAt?: Date; task?: TaskInFlight }
  | { kind: 'succeeded'; output: Json };

const parse = (text: unknown): Json => {
  if (typeof text !== 'string') return null;
  const parsed = jsonSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
};

const detailsOf = (event: HistoryEvent, key: string): Record<string, unknown> => event[`${key}EventDetails`] ?? {};

interface LastTopLevel {
  kind: 'entered' | 'exited';
  name: string;
  value: Json;
  at: Date;
  /** Index of the event in the journal entries. */
  index: number;
}

const lastTopLevelTransition = (entries: JournalEntry[], topLevel: JsonObject): LastTopLevel | undefined => {
  let last: LastTopLevel | undefined;
  entries.forEach((entry, index) => {
    if (entry.t !== 'event') return;
    const { event } = entry;
    if (event.type.endsWith('StateEntered')) {
      const { name, input } = detailsOf(event, 'stateEntered');
      if (typeof name === 'string' && name in topLevel) last = { kind: 'entered', name, value: parse(input), at: event.timestamp, index };
    } else if (event.type.endsWith('StateExited')) {
      const { name, output } = detailsOf(event, 'stateExited');
      if (typeof name === 'string' && name in topLevel) last = { kind: 'exited', name, value: parse(output), at: event.timestamp, index };
    }
  });
  return last;
};

/** What the journal says about the task attempt under way since the state was entered. */
const taskInFlight = (entries: JournalEntry[], stateName: string): TaskInFlight => {
  const task: TaskInFlight = { submitted: false };
  for (const entry of entries) {
    if (entry.t === 'token' && entry.state === stateName) task.token = entry.token;
    if (entry.t === 'heartbeat' && entry.token === task.token) task.lastHeartbeatAt = new Date(entry.at);
    if (entry.t === 'event') followTaskEvent(task, entry.event);
  }
  return task;
};

// A new attempt (scheduled) starts afresh; started and submitted mark how far the current one got.
const followTaskEvent = (task: TaskInFlight, event: Extract<JournalEntry, { t: 'event' }>['event']): void => {
  if (event.type === 'TaskScheduled' || event.type === 'LambdaFunctionScheduled') Object.assign(task, { submitted: false, startedAt: undefined, lastHeartbeatAt: undefined });
  if (event.type === 'TaskStarted' || event.type === 'LambdaFunctionStarted') task.startedAt = event.timestamp;
  if (event.type === 'TaskSubmitted') task.submitted = true;
};

/**
 * The point to resume from, read from the journal. Only top-level states are resumed: a Map or Parallel state under
 * way runs again whole from its input (names are unique across a definition, so a top-level name is unambiguous).
 */
export const resumePointOf = (definition: JsonObject, executionInput: Json, entries: JournalEntry[]): ResumePoint => {
  const states = isJsonObject(definition.States) ? definition.States : {};
  const startAt = typeof definition.StartAt === 'string' ? definition.StartAt : '';
  const last = lastTopLevelTransition(entries, states);
  if (!last) return { kind: 'state', stateName: startAt, input: executionInput };
  if (last.kind === 'entered') {
    const state = states[last.name];
    const task = isJsonObject(state) && state.Type === 'Task' ? taskInFlight(entries.slice(last.index), last.name) : undefined;
    return { kind: 'state', stateName: last.name, input: last.value, enteredAt: last.at, ...(task ? { task } : {}) };
  }
  const state = states[last.name];
  if (!isJsonObject(state)) return { kind: 'state', stateName: startAt, input: executionInput };
  return afterExit(state, last.name, last.value);
};

// Exited but the next state not yet entered: the crash fell between the two.
const afterExit = (state: JsonObject, name: string, output: Json): ResumePoint => {
  if (state.End === true || state.Type === 'Succeed') return { kind: 'succeeded', output };
  if (typeof state.Next === 'string') return { kind: 'state', stateName: state.Next, input: output };
  // A Choice state's Next depends on its rules: it is evaluated again on its own output (which is its input).
  return { kind: 'state', stateName: name, input: output };
};

const pathValue = (path: string, input: Json): Json | undefined => {
  if (!path.startsWith('$')) return undefined;
  let value: Json | undefined = input;
  for (const key of path.slice(1).split('.').filter(Boolean)) value = isJsonObject(value) ? value[key] : undefined;
  return value;
};

/**
 * When a Wait state entered at `enteredAt` ends, or undefined if it cannot be told here (a SecondsPath or
 * TimestampPath that is not a plain `$.a.b` path): such a Wait waits again in full.
 */
export const waitDeadline = (state: JsonObject, input: Json, enteredAt: Date, scale: number): Date | undefined => {
  const fromSeconds = (seconds: Json | undefined) => (typeof seconds === 'number' ? new Date(enteredAt.getTime() + seconds * 1000 * scale) : undefined);
  const fromTimestamp = (timestamp: Json | undefined) => (typeof timestamp === 'string' && scale !== 0 ? new Date(timestamp) : fromSeconds(0));
  if (state.Seconds !== undefined) return fromSeconds(state.Seconds);
  if (typeof state.SecondsPath === 'string') return fromSeconds(pathValue(state.SecondsPath, input));
  if (state.Timestamp !== undefined) return fromTimestamp(state.Timestamp);
  if (typeof state.TimestampPath === 'string') return fromTimestamp(pathValue(state.TimestampPath, input));
  return undefined;
};

/** The first attempt of a resumed Task state takes over the one in flight: its deadlines, its token, its callback. */
export const resumedAttempt = (task: TaskInFlight | undefined, token: string | undefined, enteredAt: Date | undefined): { resumed?: ResumedAttempt } => {
  const startedAt = task?.startedAt ?? enteredAt;
  if (!task || !startedAt) return {};
  return { resumed: { startedAt, submitted: task.submitted && token === task.token, ...(task.lastHeartbeatAt ? { lastHeartbeatAt: task.lastHeartbeatAt } : {}) } };
};
