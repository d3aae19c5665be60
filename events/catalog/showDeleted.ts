import * as z from 'zod';
import { defineEvent } from '../contract';
import { messageSchema, showIdSchema } from './fields';
import { withdrawalReasonSchema } from './showWithdrawn';

export const showDeleted = defineEvent({
  type: 'ShowDeleted',
  context: 'catalog',
  schemaVersion: 1,
  description:
    'The show was deleted by its creator or an admin: it left the catalogue for good and its media (source, renditions, thumbnails) is to be deleted from storage. Its events stay, this one among them.',
  schema: z.strictObject({
    showId: showIdSchema,
    reason: withdrawalReasonSchema.optional(),
    note: messageSchema.optional(),
  }),
});
