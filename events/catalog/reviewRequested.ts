import * as z from 'zod';
import { defineEvent } from '../contract';
import { showIdSchema, transcodeIdSchema } from './fields';

export const reviewRequested = defineEvent({
  type: 'ReviewRequested',
  context: 'catalog',
  schemaVersion: 1,
  description: 'The outputs of a completed transcode await a reviewer before they can be published.',
  schema: z.strictObject({
    showId: showIdSchema,
    // A review judges these outputs: a later transcode needs a review of its own.
    transcodeId: transcodeIdSchema,
  }),
});
