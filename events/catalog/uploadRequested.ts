import * as z from 'zod';
import { defineEvent } from '../contract';
import { positiveInt, showIdSchema, uploadIdSchema } from './fields';

export const uploadRequested = defineEvent({
  type: 'UploadRequested',
  context: 'catalog',
  schemaVersion: 1,
  description:
    'The owner asked to upload a source video; the upload is expected under this upload id until expiresAt.',
  schema: z.strictObject({
    showId: showIdSchema,
    uploadId: uploadIdSchema,
    fileName: z.string().min(1).max(255),
    contentType: z.string().min(1).max(255),
    sizeBytes: positiveInt,
    // Decided once, so a re-issued upload URL for the same upload keeps the same deadline.
    expiresAt: z.iso.datetime({ offset: true }),
  }),
});
