import { z } from 'zod';
import { deliveryFormatSchema } from '../../events/catalog/fields';

/**
 * Who may see a catalogue entry. `private`: drafted, not (yet) published: its creator and admins only.
 * `published`: everyone. `withdrawn`: out of the catalogue for good (admins still see it, for support).
 * Clients match on these names: add, never rename.
 */
export const catalogVisibilitySchema = z.enum(['private', 'published', 'withdrawn']);
export type CatalogVisibility = z.infer<typeof catalogVisibilitySchema>;

/**
 * One show as the catalogue shows it. `version` is the last Show stream version folded in: the gate of every
 * read-model write, and the version a client sends back in If-Match. Null, never undefined, for absent parts:
 * the entry is stored in DynamoDB and must round-trip.
 */
export const catalogEntrySchema = z.strictObject({
  showId: z.string(),
  creatorId: z.string(),
  title: z.string(),
  description: z.string(),
  genre: z.string(),
  language: z.string(),
  visibility: catalogVisibilitySchema,
  /** Premium shows stay listed; watching them needs an active subscription (GET /shows/{showId}/playback). */
  premium: z.boolean(),
  playback: z.array(z.strictObject({ format: deliveryFormatSchema, url: z.string() })),
  thumbnailUrls: z.array(z.string()),
  draftedAt: z.string(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int().positive(),
});
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
