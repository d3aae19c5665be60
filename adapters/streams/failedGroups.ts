import { foldGated, type FoldReport, type GatedFold } from './gatedFold';
import type { GroupFailure, Groups } from './groups';

/** The failures of a step that takes each group whole: a group whose key failed fails from its first unit on. */
export const failedGroups = <T>(groups: Groups<T>, failed: ReadonlyMap<string, unknown>): Map<string, GroupFailure> => {
  const failures = new Map<string, GroupFailure>();
  for (const key of groups.keys()) if (failed.has(key)) failures.set(key, { from: 0, error: failed.get(key) });
  return failures;
};

/**
 * A stream batch's groups folded behind the gate, one record per group key: what `StreamConsumer.process` does for
 * a projection. The report is returned too, for what a consumer does after the fold (alert evaluation).
 */
export const foldGroups = async <T, R>(projection: GatedFold<T, R>, groups: Groups<T>): Promise<{ report: FoldReport<R>; failures: Map<string, GroupFailure> }> => {
  const report = await foldGated(projection, new Map([...groups].map(([key, units]) => [key, units.map((unit) => unit.value)])));
  return { report, failures: failedGroups(groups, report.failed) };
};
