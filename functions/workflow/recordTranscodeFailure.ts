import * as z from 'zod';
import type { WorkflowDeps } from './deps';
import { parseTaskInput, preparedRunSchema, record, workflowActor } from './workflowInput';

const failureSchema = preparedRunSchema.extend({ failure: z.object({ Error: z.string().default('States.TaskFailed'), Cause: z.string().default('') }) });

/** State RecordTranscodeFailure: records the definitive failure of a transcode that the state machine caught (after its retries). */
export const recordTranscodeFailure = (deps: WorkflowDeps) => async (event: unknown) => {
  const run = parseTaskInput(failureSchema, event);
  const timedOut = run.failure.Error === 'States.Timeout';
  const cancelled = /cancel/i.test(run.failure.Cause);
  await record(deps.store, run, 'transcode-failed', {
    type: 'RecordTranscodeFailure',
    showId: run.showId,
    now: deps.now(),
    actor: workflowActor,
    transcodeId: run.prepared.transcodeId,
    reason: timedOut ? 'TIMED_OUT' : cancelled ? 'JOB_CANCELED' : 'JOB_FAILED',
    message: `${run.failure.Error}: ${run.failure.Cause || 'no cause given'}`.slice(0, 2000),
  });
  return { recorded: true };
};
