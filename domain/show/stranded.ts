import type { ProcessingStage } from '../../events/catalog/processingFailed';
import type { ShowStatus } from './state';

/** What Step Functions says of an execution (DescribeExecution's status), or that it has none under that name. */
export const executionStatuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE', 'NOT_FOUND'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

/** The execution a show's current status came from, as the caller found it. */
export interface RunBehind {
  readonly executionName: string;
  readonly status: ExecutionStatus;
}

/** A run that can still move the show: it is running, or AWS holds it to be redriven. */
export const isLive = (status: ExecutionStatus): boolean => status === 'RUNNING' || status === 'PENDING_REDRIVE';

/**
 * The statuses a live workflow run holds a show in, and the stage a run that stopped there failed at. Every other
 * status is an outcome (a failure, a rejection, published) or has no run behind it (draft, awaiting upload).
 */
const runningStages: Partial<Record<ShowStatus, ProcessingStage>> = {
  uploaded: 'ingest',
  ingesting: 'ingest',
  probed: 'transcode',
  transcoding: 'transcode',
  transcoded: 'review',
  inReview: 'review',
  approved: 'publish',
};

export const runningStageOf = (status: ShowStatus): ProcessingStage | null => runningStages[status] ?? null;

/** How long each stage may stand, from the moment the show entered it, before a run that is not live strands it. */
export type StageDeadlines = Readonly<Record<ProcessingStage, number>>;

export interface StrandedQuestion {
  readonly status: ShowStatus;
  /** When the show entered its status (ISO 8601): the occurredAt of the event that put it there. */
  readonly enteredAt: string;
  readonly execution: ExecutionStatus;
  readonly deadlinesMs: StageDeadlines;
  readonly now: string;
}

/**
 * Stranded: the show stands in a stage that only a run moves on, that run is not live, and the stage's deadline
 * has passed (so a run that just ended and whose last record is on its way is left alone). A live run is never
 * second-guessed: Step Functions enforces the run's own timeouts and its Catch records what happens.
 */
export const strandedStage = (question: StrandedQuestion): ProcessingStage | null => {
  const stage = runningStageOf(question.status);
  if (stage === null || isLive(question.execution)) return null;
  const overdue = Date.parse(question.now) - Date.parse(question.enteredAt) >= question.deadlinesMs[stage];
  return overdue ? stage : null;
};

/** The error a stranded run is recorded with: operators and the workflow view match on it. */
export const strandedError = 'Workflow.Stranded';

export const strandedCause = (run: RunBehind): string =>
  `The workflow stopped without recording an outcome: execution ${run.executionName} is ${run.status === 'NOT_FOUND' ? 'not known to Step Functions' : run.status}.`;

/** A stored show event with what the stranded rule reads of its envelope. */
export interface EnvelopedShowEvent {
  readonly type: string;
  readonly occurredAt: string;
  readonly correlationId: string;
}

/** Events that leave the status as it was: they say nothing of the run behind it. */
const statusKeeping = new Set(['ShowMetadataUpdated', 'ReviewEscalated']);

/**
 * The run behind the show's current status and when the show entered it: the correlation id (the workflow records
 * under its execution's name, and so do review decisions) and time of the latest event that set the status.
 */
export const currentRunOf = (events: readonly EnvelopedShowEvent[]): { executionName: string; enteredAt: string } | null => {
  const last = events.findLast((event) => !statusKeeping.has(event.type));
  return last === undefined ? null : { executionName: last.correlationId, enteredAt: last.occurredAt };
};
