import * as z from 'zod';
import { defineEvent, upcastFrom } from '../contract';
import { messageSchema, showIdSchema, transcodeIdSchema } from './fields';
import { reviewAssessmentSchema } from './reviewAssessment';

/** Why a review went to a human: stable codes, add, never rename. */
export const escalationReasonSchema = z.enum(['MACHINE_UNSURE', 'TIMED_OUT']);
export type EscalationReason = z.infer<typeof escalationReasonSchema>;

/** Version 1, frozen: no assessment. */
export const reviewEscalatedV1Schema = z.strictObject({
  showId: showIdSchema,
  transcodeId: transcodeIdSchema,
  reason: escalationReasonSchema,
  message: messageSchema,
});

/** Version 2 adds the machine reviewer's assessment (its media signals and content scores), so the human sees why. */
export const reviewEscalated = defineEvent({
  type: 'ReviewEscalated',
  context: 'catalog',
  schemaVersion: 2,
  description: 'A pending review needs a human: the machine reviewer was unsure (with what it measured), or nobody decided in time. The review stays pending.',
  schema: reviewEscalatedV1Schema.extend({ assessment: reviewAssessmentSchema.optional() }),
  upcasters: [upcastFrom(1, reviewEscalatedV1Schema, (v1) => v1)],
});
