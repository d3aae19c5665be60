/** Deadlines that replace a Task state's own, by state name. */
export type StateDeadlines = Readonly<Record<string, { readonly TimeoutSeconds?: number; readonly HeartbeatSeconds?: number }>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const withStates = (machine: Record<string, unknown>, deadlines: StateDeadlines): Record<string, unknown> => {
  if (!isObject(machine.States)) return machine;
  const states = Object.fromEntries(Object.entries(machine.States).map(([name, state]) => [name, isObject(state) ? withState(state, deadlines[name], deadlines) : state]));
  return { ...machine, States: states };
};

const withState = (state: Record<string, unknown>, own: StateDeadlines[string] | undefined, deadlines: StateDeadlines): Record<string, unknown> => {
  const nested = {
    ...(Array.isArray(state.Branches) ? { Branches: state.Branches.map((branch: unknown) => (isObject(branch) ? withStates(branch, deadlines) : branch)) } : {}),
    ...(isObject(state.Iterator) ? { Iterator: withStates(state.Iterator, deadlines) } : {}),
    ...(isObject(state.ItemProcessor) ? { ItemProcessor: withStates(state.ItemProcessor, deadlines) } : {}),
  };
  return { ...state, ...nested, ...own };
};

/**
 * The definition with the named Task states' TimeoutSeconds/HeartbeatSeconds replaced, in nested branches and
 * iterations too: the local cloud's way for a test to run a timeout path in seconds while the deployable definition
 * keeps the real deadlines. A definition given as JSON text is answered as an object; one that is neither is kept.
 */
export const withStateDeadlines = (definition: unknown, deadlines: StateDeadlines | undefined): unknown => {
  if (deadlines === undefined || Object.keys(deadlines).length === 0) return definition;
  const parsed: unknown = typeof definition === 'string' ? JSON.parse(definition) : definition;
  return isObject(parsed) ? withStates(parsed, deadlines) : definition;
};
