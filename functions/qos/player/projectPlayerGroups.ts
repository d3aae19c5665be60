import { failedGroups, foldGroups, type GatedFold, type Groups } from '../../../adapters/streams';
import type { PlayerEvent, SessionQoe } from '../../../domain/qos';
import type { PlaybackSession } from './playerStore';
import { summariesOf } from './projectEvents';

export interface PlayerProjector {
  readonly projection: GatedFold<PlayerEvent, PlaybackSession>;
  /** Evaluates the alert rules over the sessions folded; answers the sessions whose evaluation failed. Absent: no rules. */
  readonly evaluate?: (touched: readonly SessionQoe[]) => Promise<ReadonlyMap<string, unknown>>;
}

/** A stream batch's sessions folded, then the alert rules evaluated over them; a session failing either is retried. */
export const projectPlayerGroups = async (projector: PlayerProjector, groups: Groups<PlayerEvent>) => {
  const { report, failures } = await foldGroups(projector.projection, groups);
  const touched = summariesOf(report);
  if (projector.evaluate === undefined || touched.length === 0) return failures;
  const evaluationFailed = await projector.evaluate(touched);
  return new Map([...failures, ...failedGroups(groups, evaluationFailed)]);
};
