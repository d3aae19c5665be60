import * as z from 'zod';
import { defineEvent } from '../contract';
import { messageSchema, showIdSchema } from './fields';

/** The stages of the publish workflow that can fail; consumers match on these names: add, never rename. */
export const processingStageSchema = z.enum(['ingest', 'transcode', 'review', 'publish']);
export type ProcessingStage = z.infer<typeof processingStageSchema>;

export const processingFailed = defineEvent({
  type: 'ProcessingFailed',
  context: 'catalog',
  schemaVersion: 1,
  description:
    'A run of the publish workflow stopped at a stage: which run, which stage, the error and its cause. Recorded for every failed run, next to any more specific failure event (IngestFailed, TranscodeFailed); the show can be reprocessed or re-uploaded.',
  schema: z.strictObject({
    showId: showIdSchema,
    /** The Step Functions execution that failed: one ProcessingFailed per execution at most. */
    executionName: z.string().min(1).max(80),
    stage: processingStageSchema,
    /** The error name as Step Functions reports it (e.g. `MediaConvert.JobFailed`, `States.TaskFailed`) or a reason code. */
    error: z.string().min(1).max(256),
    cause: messageSchema,
  }),
});
