import * as z from 'zod';
import { defineEvent } from '../contract';
import { messageSchema, showIdSchema, transcodeIdSchema } from './fields';

/** Stable codes that clients match on: add, never rename. */
export const rejectionReasonSchema = z.enum(['CONTENT_POLICY', 'RIGHTS', 'VIDEO_QUALITY', 'AUDIO_QUALITY', 'METADATA', 'OTHER']);
export type RejectionReason = z.infer<typeof rejectionReasonSchema>;

export const showRejected = defineEvent({
  type: 'ShowRejected',
  context: 'catalog',
  schemaVersion: 1,
  description: 'A reviewer rejected the reviewed outputs; the owner can re-submit (new upload or reprocess).',
  schema: z.strictObject({
    showId: showIdSchema,
    transcodeId: transcodeIdSchema,
    reason: rejectionReasonSchema,
    message: messageSchema,
  }),
});
