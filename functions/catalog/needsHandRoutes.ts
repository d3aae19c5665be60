import * as z from 'zod';
import { route } from '../http/route';
import { studioQuerySchema, studioShowSchema } from './schemas';

export const needsHandItemSchema = studioShowSchema.omit({ progress: true }).extend({ creatorId: z.string() });

/** What admins (and operators, who watch) look at: shows that need a hand. */
export const needsHandRoutes = {
  listShowsNeedingHand: route({
    routeKey: 'GET /operations/shows-needing-a-hand', operationId: 'listShowsNeedingHand', tag: 'Publishing', access: { roles: ['admin', 'operator'] }, query: studioQuerySchema,
    summary: 'Shows that need a hand: failed (a stranded run included) or rejected, most recently changed first; paged (admins, operators)',
    description:
      'Each says where it stopped (`stage`) and why (`problem`). An admin reprocesses one (POST /shows/{showId}/reprocess) or deletes it (DELETE /shows/{showId}); either takes it off this list. A run that ended without a word is listed once the reconciler has recorded its failure (within minutes).',
    responses: {
      200: {
        description: 'a page of shows that need a hand',
        schema: z.strictObject({ items: z.array(needsHandItemSchema), nextCursor: z.string().nullable().describe('null on the last page; otherwise send it back as `cursor`') }),
      },
    },
  }),
};
