import type { RunOptions } from 'aws-local-stepfunctions';
import type { PreparedDefinition } from './definition';
import type { Resumption } from './execution';

type Overrides = NonNullable<RunOptions['overrides']>;

/** Wait and retry pauses scaled for tests: 0 makes them instant; other scales apply to fixed `Seconds` and intervals. */
export const timingOverrides = (definition: PreparedDefinition, scale: number): Overrides => {
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

/** A Wait state resumed waits what is left of its time once; later entries (a polling loop) wait as written. */
export const withResumedWait = (overrides: Overrides, resume: Resumption | undefined): Overrides => {
  if (resume?.waitLeftMs === undefined) return overrides;
  const waitTimeOverrides: Record<string, number> = { ...overrides.waitTimeOverrides };
  const usual = waitTimeOverrides[resume.point.stateName];
  let left: number | undefined = Math.max(0, resume.waitLeftMs);
  Object.defineProperty(waitTimeOverrides, resume.point.stateName, {
    enumerable: true,
    get: () => {
      const once = left;
      left = undefined;
      return once ?? usual;
    },
  });
  return { ...overrides, waitTimeOverrides };
};

