import { WrongExpectedVersionError, type EventStore } from '../../adapters/eventstore';
import { CommandRefusedError } from '../../domain/decider';
import { currentRunOf, showStreamId, strandedCause, strandedError, strandedStage, type StageDeadlines } from '../../domain/show';
import type { Actor } from '../../events/envelope';
import type { OperatorMetric } from '../runtime/metrics';
import { executeShowCommand, loadShow } from '../shows/showCommands';
import type { EndedRun, WorkflowExecutions } from './executions';

export interface ReconcileDeps {
  readonly store: EventStore;
  readonly executions: Pick<WorkflowExecutions, 'endedSince'>;
  readonly deadlinesMs: StageDeadlines;
  /** How far back ended runs are looked at: longer than a round's period and the longest stage deadline. */
  readonly lookbackMs: number;
  readonly now: () => string;
  readonly count: (metric: OperatorMetric, value: number) => void;
}

export const reconcilerActor: Actor = { id: 'workflow-reconciler', kind: 'service' };

/** What the decider or the store answers in the reconciler's favour: someone else moved the show meanwhile. */
const movedOn = (error: unknown): boolean => error instanceof CommandRefusedError || error instanceof WrongExpectedVersionError;

/**
 * One round: the publish workflow's runs that ended recently; each whose show still stands in the stage that run
 * left it in, past that stage's deadline (domain/show's strandedStage), gets its failure recorded, once per
 * execution (the command id and the decider both say so), on the version it was judged on.
 */
export const reconcile = (deps: ReconcileDeps) => async (): Promise<{ checked: number; stranded: string[] }> => {
  const now = deps.now();
  const ended = await deps.executions.endedSince(new Date(Date.parse(now) - deps.lookbackMs).toISOString());
  const stranded: string[] = [];
  const recordIfStranded = async (run: EndedRun) => {
    const { events } = await deps.store.readStream(showStreamId(run.showId));
    const behind = currentRunOf(events);
    if (behind?.executionName !== run.executionName) return;
    const { state, version } = await loadShow(deps.store, run.showId);
    const stage = strandedStage({ status: state.status, enteredAt: behind.enteredAt, execution: run.status, deadlinesMs: deps.deadlinesMs, now });
    if (stage === null) return;
    const command = { type: 'RecordProcessingFailure' as const, showId: run.showId, now, actor: reconcilerActor, executionName: run.executionName, stage, error: strandedError, cause: strandedCause(run) };
    try {
      const handled = await executeShowCommand(deps.store, command, { commandId: `reconcile:${run.executionName}`, correlationId: run.executionName, actor: reconcilerActor, expectedVersion: version });
      if (handled.events.length > 0 && !handled.alreadyAppended) stranded.push(run.showId);
    } catch (error) {
      if (!movedOn(error)) throw error;
    }
  };
  for (const run of ended) await recordIfStranded(run);
  if (stranded.length > 0) {
    deps.count('StuckShows', stranded.length);
    deps.count('WorkflowFailed', stranded.length);
  }
  return { checked: ended.length, stranded };
};
