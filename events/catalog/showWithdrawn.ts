import * as z from 'zod';
import { defineEvent } from '../contract';
import { messageSchema, showIdSchema } from './fields';

/** Stable codes that clients match on: add, never rename. */
export const withdrawalReasonSchema = z.enum(['OWNER_REQUEST', 'RIGHTS', 'CONTENT_POLICY', 'OTHER']);
export type WithdrawalReason = z.infer<typeof withdrawalReasonSchema>;

export const showWithdrawn = defineEvent({
  type: 'ShowWithdrawn',
  context: 'catalog',
  schemaVersion: 1,
  description: 'The show left the catalogue for good; its id is never published again.',
  schema: z.strictObject({
    showId: showIdSchema,
    reason: withdrawalReasonSchema,
    note: messageSchema.optional(),
  }),
});
