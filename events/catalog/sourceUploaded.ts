import * as z from 'zod';
import { defineEvent } from '../contract';
import { objectKeySchema, positiveInt, showIdSchema, uploadIdSchema } from './fields';

export const sourceUploaded = defineEvent({
  type: 'SourceUploaded',
  context: 'catalog',
  schemaVersion: 1,
  description: 'The source video of an upload arrived in the media bucket.',
  schema: z.strictObject({
    showId: showIdSchema,
    uploadId: uploadIdSchema,
    key: objectKeySchema,
    sizeBytes: positiveInt,
    // The S3 ETag tells a re-upload of the same key apart from a duplicated notification of one upload.
    etag: z.string().min(1).max(128),
  }),
});
