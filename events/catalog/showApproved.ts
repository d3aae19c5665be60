import * as z from 'zod';
import { defineEvent } from '../contract';
import { messageSchema, showIdSchema, transcodeIdSchema } from './fields';

export const showApproved = defineEvent({
  type: 'ShowApproved',
  context: 'catalog',
  schemaVersion: 1,
  description: 'A reviewer approved the reviewed outputs for publication (the reviewer is the envelope actor).',
  schema: z.strictObject({
    showId: showIdSchema,
    transcodeId: transcodeIdSchema,
    note: messageSchema.optional(),
  }),
});
