import * as z from 'zod';
import { defineEvent } from '../contract';
import { showIdSchema } from './fields';

/**
 * Who a show is for. `public`: listed in the catalogue; `unlisted`: anyone with its link, never listed; `private`:
 * its creator and admins only. A show drafted before this fact existed, or never changed, is public.
 * Clients match on these names: add, never rename.
 */
export const audienceSchema = z.enum(['public', 'unlisted', 'private']);
export type Audience = z.infer<typeof audienceSchema>;

export const showVisibilityChanged = defineEvent({
  type: 'ShowVisibilityChanged',
  context: 'catalog',
  schemaVersion: 1,
  description:
    'The creator (or an admin) chose who the show is for: public (listed), unlisted (anyone with the link) or private (creator and admins). Shows start public.',
  schema: z.strictObject({ showId: showIdSchema, visibility: audienceSchema }),
});
