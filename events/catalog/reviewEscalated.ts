import * as z from 'zod';
import { defineEvent } from '../contract';
import { messageSchema, showIdSchema, transcodeIdSchema } from './fields';

/** Why a review went to a human: stable codes, add, never rename. */
export const escalationReasonSchema = z.enum(['MACHINE_UNSURE', 'TIMED_OUT']);
export type EscalationReason = z.infer<typeof escalationReasonSchema>;

export const reviewEscalated = defineEvent({
  type: 'ReviewEscalated',
  context: 'catalog',
  schemaVersion: 1,
  description: 'A pending review needs a human: the machine reviewer was unsure, or nobody decided in time. The review stays pending.',
  schema: z.strictObject({
    showId: showIdSchema,
    transcodeId: transcodeIdSchema,
    reason: escalationReasonSchema,
    message: messageSchema,
  }),
});
