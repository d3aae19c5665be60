import * as z from 'zod';
import { processingStageSchema } from '../../events/catalog/processingFailed';
import { countMetric } from '../runtime/metrics';
import type { WorkflowDeps } from './deps';
import { parseTaskInput, record, runSchema, workflowActor } from './workflowInput';

const inputSchema = runSchema.pick({ showId: true, executionName: true }).extend({
  notice: z.object({ stage: processingStageSchema, error: z.string().nullish(), cause: z.string().nullish() }),
});

/** A Lambda error reaches the Catch as `{"errorType", "errorMessage", "trace"}` in Cause: the message is what people read. */
const readableCause = (cause: string): string => {
  try {
    const parsed: unknown = JSON.parse(cause);
    const message = z.object({ errorMessage: z.string().min(1) }).safeParse(parsed);
    if (message.success) return message.data.errorMessage;
  } catch {
    // Not JSON: a States.* or service error's cause is plain text already.
  }
  return cause;
};

/**
 * State RecordFailure: records where and why a run stopped, in the show's stream; the outbox announces it on the bus, and the review
 * queue drops a review the run left pending (abandoned: no workflow waits for it any more). The
 * command id is the execution's, so a retried task records nothing twice (and the decider records one failure per
 * execution anyway).
 */
export const recordFailure = (deps: WorkflowDeps) => async (event: unknown) => {
  const run = parseTaskInput(inputSchema, event);
  const error = (run.notice.error ?? '').trim() || 'States.TaskFailed';
  const cause = readableCause((run.notice.cause ?? '').trim()).slice(0, 2000) || 'No cause was given.';
  await record(deps.store, run, 'processing-failed', {
    type: 'RecordProcessingFailure',
    showId: run.showId,
    now: deps.now(),
    actor: workflowActor,
    executionName: run.executionName,
    stage: run.notice.stage,
    error: error.slice(0, 256),
    cause,
  });
  countMetric('WorkflowFailed');
  return { recorded: true };
};
