import aslValidator from 'asl-validator';
import { z } from 'zod';
import type { StateMachineType } from './arns';
import { InvalidDefinitionError } from './errors';
import { isJsonObject, jsonSchema, type Json, type JsonObject } from './json';
import { parseTaskResource, type TaskResource } from './taskResources';

export interface TaskStateSpec {
  resource: TaskResource;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

/** A definition checked for local use, with what the service needs to drive the interpreter. */
export interface PreparedDefinition {
  /** The definition as the user wrote it (DescribeStateMachine returns it). */
  original: JsonObject;
  /** The definition handed to the interpreter; see `prepareForInterpreter` for how it differs. */
  forInterpreter: JsonObject;
  taskStates: Map<string, TaskStateSpec>;
  waitStateSeconds: Map<string, number | undefined>;
  retryIntervalsByState: Map<string, number[]>;
}

// Fields the interpreter ignores or cannot honour: running a definition that uses them would silently do the wrong thing.
const unsupportedStateFields: Record<string, string> = {
  Assign: 'variables (Assign) are not supported by the local interpreter',
  Output: 'Output is a JSONata field and is not supported by the local interpreter',
  Arguments: 'Arguments is a JSONata field and is not supported by the local interpreter',
  Items: 'Items is a JSONata field and is not supported by the local interpreter',
  ItemReader: 'distributed Map (ItemReader) is not supported locally',
  ItemBatcher: 'distributed Map (ItemBatcher) is not supported locally',
  ResultWriter: 'distributed Map (ResultWriter) is not supported locally',
  TimeoutSecondsPath: 'use TimeoutSeconds: TimeoutSecondsPath is not supported locally',
  HeartbeatSecondsPath: 'use HeartbeatSeconds: HeartbeatSecondsPath is not supported locally',
  Credentials: 'cross-account Credentials are not supported locally',
};

// setTimeout cannot wait longer than 2^31-1 ms; AWS's own default task timeout (99999999 s) is capped to that.
const LONGEST_TIMER_SECONDS = Math.floor(2_147_483_647 / 1000);

const validatorResultSchema = z.object({
  isValid: z.boolean(),
  errors: z.array(z.object({ 'Error code': z.string().optional(), Message: z.string().optional() }).loose()),
});

interface StateVisit {
  name: string;
  state: JsonObject;
}

/** Every state, including those inside Parallel branches and Map processors (AWS requires unique names across them). */
const allStates = (machine: JsonObject): StateVisit[] => {
  const states = machine.States;
  if (!isJsonObject(states)) return [];
  return Object.entries(states).flatMap(([name, state]): StateVisit[] => {
    if (!isJsonObject(state)) return [];
    const nested: JsonObject[] = [];
    if (Array.isArray(state.Branches)) nested.push(...state.Branches.filter(isJsonObject));
    for (const processor of [state.ItemProcessor, state.Iterator]) if (isJsonObject(processor)) nested.push(processor);
    return [{ name, state }, ...nested.flatMap(allStates)];
  });
};

/**
 * A JSON round trip rather than structuredClone: the interpreter recognises objects by their prototype, and under
 * jest structuredClone hands back objects of another realm, which it would then not treat as objects.
 */
const copyOf = (definition: JsonObject): JsonObject => {
  const copy = jsonSchema.parse(JSON.parse(JSON.stringify(definition)));
  if (!isJsonObject(copy)) throw new Error('a JSON object copied into something else');
  return copy;
};

// asl-validator compiles its JSON schemas on every call (0.4-1.2 s here): a definition already checked is not checked again.
const aslProblemsByDefinition = new Map<string, string[]>();

const aslProblems = (definition: JsonObject): string[] => {
  const key = JSON.stringify(definition);
  const known = aslProblemsByDefinition.get(key);
  if (known) return known;
  // asl-validator writes QueryLanguage into every state it visits: give it a copy.
  const result = validatorResultSchema.parse(aslValidator(copyOf(definition), { checkArn: true, checkPaths: true }));
  const problems = result.isValid ? [] : result.errors.map((e) => `${e['Error code'] ?? 'ASL'}: ${e.Message ?? 'invalid'}`);
  aslProblemsByDefinition.set(key, problems);
  return problems;
};

const stateProblems = ({ name, state }: StateVisit, type: StateMachineType): string[] => {
  const problems: string[] = [];
  if (state.QueryLanguage === 'JSONata') problems.push(`state '${name}' uses QueryLanguage JSONata, which the local interpreter ignores`);
  for (const [field, why] of Object.entries(unsupportedStateFields)) {
    if (field in state) problems.push(`state '${name}' has ${field}: ${why}`);
  }
  if (state.Type !== 'Task') return problems;
  const resource = typeof state.Resource === 'string' ? parseTaskResource(state.Resource) : undefined;
  if (!resource) {
    problems.push(`state '${name}' has Resource ${JSON.stringify(state.Resource)}, which the local service cannot run (supported: Lambda function ARNs, lambda:invoke, events:putEvents, dynamodb:getItem/putItem/updateItem/deleteItem, mediaconvert:createJob[.sync], each optionally .waitForTaskToken)`);
  } else if (type === 'EXPRESS' && resource.pattern !== 'requestResponse') {
    problems.push(`state '${name}' uses .${resource.pattern} which AWS does not allow in EXPRESS state machines`);
  }
  return problems;
};

const positiveIntegerOrUndefined = (value: Json | undefined): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;

/**
 * The interpreter enforces its own task timeout (60 s by default) and does not know HeartbeatSeconds, so the service
 * times tasks itself: the interpreter gets a timeout it never reaches. AWS's `States.Timeout` matcher also catches
 * heartbeat timeouts, so that name is added beside it wherever it appears.
 */
const prepareForInterpreter = (original: JsonObject): JsonObject => {
  const copy = copyOf(original);
  for (const { state } of allStates(copy)) {
    if (state.Type === 'Task') {
      delete state.HeartbeatSeconds;
      state.TimeoutSeconds = LONGEST_TIMER_SECONDS;
    }
    for (const handlers of [state.Retry, state.Catch]) {
      if (!Array.isArray(handlers)) continue;
      for (const handler of handlers) {
        if (!isJsonObject(handler) || !Array.isArray(handler.ErrorEquals)) continue;
        if (handler.ErrorEquals.includes('States.Timeout') && !handler.ErrorEquals.includes('States.HeartbeatTimeout')) {
          handler.ErrorEquals.push('States.HeartbeatTimeout');
        }
      }
    }
  }
  return copy;
};

// What the local service needs of each state besides the interpreter: Task resources and timeouts, Wait seconds,
// Retry intervals (the time-scaling overrides read them).
const stateSpecs = (states: ReturnType<typeof allStates>) => {
  const taskStates = new Map<string, TaskStateSpec>();
  const waitStateSeconds = new Map<string, number | undefined>();
  const retryIntervalsByState = new Map<string, number[]>();
  for (const { name, state } of states) {
    const resource = state.Type === 'Task' && typeof state.Resource === 'string' ? parseTaskResource(state.Resource) : undefined;
    if (resource) {
      taskStates.set(name, {
        resource,
        timeoutSeconds: positiveIntegerOrUndefined(state.TimeoutSeconds),
        heartbeatSeconds: positiveIntegerOrUndefined(state.HeartbeatSeconds),
      });
    }
    if (state.Type === 'Wait') waitStateSeconds.set(name, typeof state.Seconds === 'number' ? state.Seconds : undefined);
    if (Array.isArray(state.Retry)) {
      retryIntervalsByState.set(
        name,
        state.Retry.map((retrier) => (isJsonObject(retrier) && typeof retrier.IntervalSeconds === 'number' ? retrier.IntervalSeconds : 1)),
      );
    }
  }
  return { taskStates, waitStateSeconds, retryIntervalsByState };
};

/** Checks a definition the way AWS would, refuses what the interpreter would run wrongly, and prepares it to run. */
export const prepareDefinition = (stateMachineName: string, definition: unknown, type: StateMachineType): PreparedDefinition => {
  const parsed = jsonSchema.safeParse(typeof definition === 'string' ? safeJsonParse(definition) : definition);
  if (!parsed.success || !isJsonObject(parsed.data)) {
    throw new InvalidDefinitionError(stateMachineName, ['the definition must be a JSON object (or a string holding one)']);
  }
  const original = parsed.data;
  const problems = original.QueryLanguage === 'JSONata' ? ['QueryLanguage JSONata is not supported by the local interpreter'] : [];
  problems.push(...aslProblems(original));
  const states = allStates(original);
  problems.push(...states.flatMap((visit) => stateProblems(visit, type)));
  if (problems.length > 0) throw new InvalidDefinitionError(stateMachineName, problems);

  const { taskStates, waitStateSeconds, retryIntervalsByState } = stateSpecs(states);
  return { original, forInterpreter: prepareForInterpreter(original), taskStates, waitStateSeconds, retryIntervalsByState };
};

const safeJsonParse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
