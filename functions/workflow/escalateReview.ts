import { z } from 'zod';
import { parseTaskInput, preparedRunSchema, record, workflowActor } from './workflowInput';

/** A review nobody decided in time is recorded and goes to a human (the next wait), never dropped. */
export const handler = async (event: unknown) => {
  const run = parseTaskInput(preparedRunSchema.extend({ failure: z.object({ Error: z.string() }).optional() }), event);
  const what = run.failure?.Error === 'States.HeartbeatTimeout' ? 'nobody picked the review up in time' : 'nobody decided the review in time';
  await record(run, 'review-timed-out', { type: 'EscalateReview', showId: run.showId, now: new Date().toISOString(), actor: workflowActor, reason: 'TIMED_OUT', message: `Escalated to a human: ${what}.` });
  return { escalated: 'TIMED_OUT' };
};
