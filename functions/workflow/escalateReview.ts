import * as z from 'zod';
import type { WorkflowDeps } from './deps';
import { parseTaskInput, preparedRunSchema, record, workflowActor } from './workflowInput';

/** State EscalateReview: a review nobody decided in time is recorded and goes to a human (the next wait), never dropped. */
export const escalateReview = (deps: WorkflowDeps) => async (event: unknown) => {
  const run = parseTaskInput(preparedRunSchema.extend({ failure: z.object({ Error: z.string() }).optional() }), event);
  const what = run.failure?.Error === 'States.HeartbeatTimeout' ? 'nobody picked the review up in time' : 'nobody decided the review in time';
  await record(deps.store, run, 'review-timed-out', { type: 'EscalateReview', showId: run.showId, now: deps.now(), actor: workflowActor, reason: 'TIMED_OUT', message: `Escalated to a human: ${what}.` });
  return { escalated: 'TIMED_OUT' };
};
