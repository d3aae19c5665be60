import type { ShowEvent } from '../show/events';

/** The stages of the publish workflow, in the order a show meets them. */
export const workflowStages = ['upload', 'ingest', 'transcode', 'review', 'publish'] as const;
export type WorkflowStage = (typeof workflowStages)[number];

export interface StageEntry {
  readonly stage: WorkflowStage;
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly detail: string | null;
}

export interface WorkflowTimeline {
  readonly currentStage: WorkflowStage | null;
  readonly stages: readonly StageEntry[];
  readonly executionName: string | null;
  readonly error: { readonly stage: WorkflowStage; readonly reason: string; readonly message: string } | null;
}

/** A stored Show event with the time it happened: what the timeline is folded from. */
export interface TimedShowEvent {
  readonly event: ShowEvent;
  readonly occurredAt: string;
}

type Step = (entries: StageEntry[], at: string) => void;

const start = (stage: WorkflowStage, detail: string | null = null): Step => (entries, at) => {
  entries.push({ stage, status: 'running', startedAt: at, endedAt: null, detail });
};

const end = (stage: WorkflowStage, status: 'succeeded' | 'failed', detail: string | null = null): Step => (entries, at) => {
  const index = entries.findLastIndex((entry) => entry.stage === stage && entry.status === 'running');
  const open = entries[index];
  if (open === undefined) {
    entries.push({ stage, status, startedAt: at, endedAt: at, detail });
    return;
  }
  entries[index] = { ...open, status, endedAt: at, detail: detail ?? open.detail };
};

/**
 * A run stopped at `stage`: its open entry fails. A stage whose own failure event already ended it keeps that
 * entry (it says more); a stage that never opened (a crash before its first event) gets a failed entry.
 */
const failStage = (stage: WorkflowStage, detail: string): Step => (entries, at) => {
  if (entries.at(-1)?.stage === stage && entries.at(-1)?.status === 'failed') return;
  end(stage, 'failed', detail)(entries, at);
};

const mediaStepOf = (event: ShowEvent): Step | null => {
  switch (event.type) {
    case 'UploadRequested':
      return start('upload', event.data.fileName);
    case 'SourceUploaded':
      return end('upload', 'succeeded', `${event.data.sizeBytes} bytes`);
    case 'IngestStarted':
      return start('ingest');
    case 'SourceProbed':
      return end('ingest', 'succeeded', `${event.data.container}, ${event.data.durationMs} ms`);
    case 'IngestFailed':
      return end('ingest', 'failed', `${event.data.reason}: ${event.data.message}`);
    case 'TranscodeRequested':
      return start('transcode', event.data.ladder.map((rung) => rung.name).join(', '));
    case 'TranscodeCompleted':
      return end('transcode', 'succeeded', `${event.data.renditions.length} renditions`);
    case 'TranscodeFailed':
      return end('transcode', 'failed', `${event.data.reason}: ${event.data.message}`);
    default:
      return null;
  }
};

const escalate = (detail: string): Step => (entries) => {
  const index = entries.findLastIndex((entry) => entry.stage === 'review' && entry.status === 'running');
  const open = entries[index];
  if (open !== undefined) entries[index] = { ...open, detail };
};

const publish = (formats: string): Step => (entries, at) => {
  start('publish')(entries, at);
  end('publish', 'succeeded', formats)(entries, at);
};

const reviewStepOf = (event: ShowEvent): Step | null => {
  switch (event.type) {
    case 'ReviewRequested':
      return start('review');
    case 'ReviewEscalated':
      return escalate(`escalated (${event.data.reason}): ${event.data.message}`);
    case 'ShowApproved':
      return end('review', 'succeeded', 'approved');
    case 'ShowRejected':
      return end('review', 'failed', `rejected (${event.data.reason}): ${event.data.message}`);
    case 'ShowPublished':
      return publish(event.data.playback.map((p) => p.format).join(', '));
    case 'ProcessingFailed':
      return failStage(event.data.stage, `${event.data.error}: ${event.data.cause}`);
    default:
      return null;
  }
};

const stepOf = (event: ShowEvent): Step | null => mediaStepOf(event) ?? reviewStepOf(event);

const errorOf = (event: ShowEvent): WorkflowTimeline['error'] => {
  if (event.type === 'IngestFailed') return { stage: 'ingest', reason: event.data.reason, message: event.data.message };
  if (event.type === 'TranscodeFailed') return { stage: 'transcode', reason: event.data.reason, message: event.data.message };
  if (event.type === 'ShowRejected') return { stage: 'review', reason: event.data.reason, message: event.data.message };
  if (event.type === 'ProcessingFailed') return { stage: event.data.stage, reason: event.data.error, message: event.data.cause };
  return null;
};

/** The error that stands after `event`. */
const nextError = (error: WorkflowTimeline['error'], event: ShowEvent): WorkflowTimeline['error'] => {
  // A new upload starts a new run; a retried ingest or a reprocess starts its stage over: the previous attempt's error
  // no longer stands.
  if (event.type === 'UploadRequested' || event.type === 'IngestRetryRequested' || event.type === 'TranscodeRequested') return null;
  // The specific failure event of a stage (IngestFailed, TranscodeFailed) names its reason better than the
  // run's ProcessingFailed that follows it.
  const keepsSpecific = event.type === 'ProcessingFailed' && error?.stage === event.data.stage;
  return keepsSpecific ? error : (errorOf(event) ?? error);
};

/**
 * The stage timeline of a show's latest workflow run, folded from its events: each stage with its start and end,
 * the execution that ran it and the error that stopped it, if any. A new upload starts a new timeline.
 */
export const workflowTimeline = (events: readonly TimedShowEvent[]): WorkflowTimeline => {
  let entries: StageEntry[] = [];
  let executionName: string | null = null;
  let error: WorkflowTimeline['error'] = null;
  for (const { event, occurredAt } of events) {
    if (event.type === 'UploadRequested') {
      entries = [];
      executionName = null;
    }
    if (event.type === 'IngestStarted') executionName = event.data.executionId;
    error = nextError(error, event);
    stepOf(event)?.(entries, occurredAt);
  }
  const last = entries.at(-1);
  return { currentStage: last?.stage ?? null, stages: entries, executionName, error };
};
