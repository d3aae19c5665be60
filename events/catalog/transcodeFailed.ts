import * as z from 'zod';
import { defineEvent } from '../contract';
import { messageSchema, showIdSchema, transcodeIdSchema } from './fields';

/** Stable codes that clients and alarms match on: add, never rename. */
export const transcodeFailureReasonSchema = z.enum(['JOB_FAILED', 'JOB_CANCELED', 'OUTPUT_INVALID', 'TIMED_OUT']);
export type TranscodeFailureReason = z.infer<typeof transcodeFailureReasonSchema>;

export const transcodeFailed = defineEvent({
  type: 'TranscodeFailed',
  context: 'catalog',
  schemaVersion: 1,
  description: 'The transcode did not produce usable outputs; the show can be reprocessed or re-uploaded.',
  schema: z.strictObject({
    showId: showIdSchema,
    transcodeId: transcodeIdSchema,
    reason: transcodeFailureReasonSchema,
    message: messageSchema,
  }),
});
