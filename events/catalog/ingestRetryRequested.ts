import * as z from 'zod';
import { defineEvent } from '../contract';
import { showIdSchema, uploadIdSchema } from './fields';

export const ingestRetryRequested = defineEvent({
  type: 'IngestRetryRequested',
  context: 'catalog',
  schemaVersion: 1,
  description:
    "The show's creator or an admin asked to ingest the same recorded source again after its ingest failed for a reason other than the file itself (it could not be read, the probe timed out, an internal error); a new run of the publish workflow starts from ingest.",
  schema: z.strictObject({
    showId: showIdSchema,
    uploadId: uploadIdSchema,
    // The new run: where an operator reads the retry's history.
    executionName: z.string().min(1).max(80),
  }),
});
