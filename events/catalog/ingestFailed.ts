import * as z from 'zod';
import { defineEvent } from '../contract';
import { messageSchema, showIdSchema, uploadIdSchema } from './fields';

/** Stable codes that clients and alarms match on: add, never rename. */
export const ingestFailureReasonSchema = z.enum([
  'SOURCE_MISSING',
  'SOURCE_UNREADABLE',
  'UNSUPPORTED_FORMAT',
  'NO_VIDEO_STREAM',
  'PROBE_TIMED_OUT',
  'INTERNAL_ERROR',
]);
export type IngestFailureReason = z.infer<typeof ingestFailureReasonSchema>;

export const ingestFailed = defineEvent({
  type: 'IngestFailed',
  context: 'catalog',
  schemaVersion: 1,
  description: 'The uploaded source could not be ingested; the owner can upload another source.',
  schema: z.strictObject({
    showId: showIdSchema,
    uploadId: uploadIdSchema,
    reason: ingestFailureReasonSchema,
    message: messageSchema,
  }),
});
