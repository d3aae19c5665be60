import * as z from 'zod';
import { defineEvent } from '../contract';
import { showIdSchema, uploadIdSchema } from './fields';

export const ingestStarted = defineEvent({
  type: 'IngestStarted',
  context: 'catalog',
  schemaVersion: 1,
  description: 'The ingest workflow started validating and probing the uploaded source.',
  schema: z.strictObject({
    showId: showIdSchema,
    uploadId: uploadIdSchema,
    // The workflow execution: where an operator reads the history when ingest goes wrong.
    executionId: z.string().min(1).max(2048),
  }),
});
