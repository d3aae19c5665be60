import * as z from 'zod';
import { defineEvent, upcastFrom } from '../contract';
import { messageSchema, showIdSchema, transcodeIdSchema } from './fields';
import { reviewAssessmentSchema } from './reviewAssessment';

/** Stable codes that clients match on: add, never rename. */
export const rejectionReasonSchema = z.enum(['CONTENT_POLICY', 'RIGHTS', 'VIDEO_QUALITY', 'AUDIO_QUALITY', 'METADATA', 'OTHER']);
export type RejectionReason = z.infer<typeof rejectionReasonSchema>;

/** Version 1, frozen: no assessment. */
export const showRejectedV1Schema = z.strictObject({
  showId: showIdSchema,
  transcodeId: transcodeIdSchema,
  reason: rejectionReasonSchema,
  message: messageSchema,
});

/** Version 2 adds the machine reviewer's assessment (its media signals and content scores); a person's rejection has none. */
export const showRejected = defineEvent({
  type: 'ShowRejected',
  context: 'catalog',
  schemaVersion: 2,
  description: 'A reviewer rejected the reviewed outputs; the owner can re-submit (new upload or reprocess). The machine reviewer records what it measured.',
  schema: showRejectedV1Schema.extend({ assessment: reviewAssessmentSchema.optional() }),
  upcasters: [upcastFrom(1, showRejectedV1Schema, (v1) => v1)],
});
