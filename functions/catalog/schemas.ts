import { z } from 'zod';
import { catalogVisibilitySchema } from '../../domain/catalog';
import { deliveryFormatSchema, descriptionSchema, genreSchema, languageSchema, showIdSchema, titleSchema } from '../../events/catalog/fields';
import { metadataChangesSchema } from '../../events/catalog/showMetadataUpdated';
import { withdrawalReasonSchema } from '../../events/catalog/showWithdrawn';

/**
 * The catalogue API's shapes: requests are parsed with them, responses are built to them, and GET /api-docs
 * is generated from them, so the document cannot drift from what the handlers do.
 */
export const showPathSchema = z.strictObject({ showId: showIdSchema });

export const listShowsQuerySchema = z
  .strictObject({
    genre: genreSchema.optional(),
    language: languageSchema.optional(),
    q: z.string().trim().min(1).max(200).optional().describe('words that must all begin a word of the title or description'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).max(2000).optional().describe('nextCursor of the previous page'),
  })
  ;

export const showSummarySchema = z
  .strictObject({
    showId: z.string(),
    title: z.string(),
    description: z.string(),
    genre: z.string(),
    language: z.string(),
    premium: z.boolean(),
    thumbnailUrls: z.array(z.string()),
    publishedAt: z.string().nullable(),
    version: z.number().int(),
  })
  ;

export const showsPageSchema = z.strictObject({ items: z.array(showSummarySchema), nextCursor: z.string().nullable() });

export const showDetailSchema = showSummarySchema
  .extend({
    visibility: catalogVisibilitySchema,
    creatorId: z.string(),
    playback: z.array(z.strictObject({ format: deliveryFormatSchema, url: z.string() })),
    likeCount: z.number().int().nonnegative(),
    ratingCount: z.number().int().nonnegative(),
    averageRating: z.number().min(1).max(5).nullable(),
  })
  ;

export const createShowBodySchema = z
  .strictObject({ showId: showIdSchema, title: titleSchema, description: descriptionSchema, genre: genreSchema, language: languageSchema, premium: z.boolean().default(false) })
  ;
export const updateShowBodySchema = metadataChangesSchema;
export const withdrawQuerySchema = z.strictObject({ reason: withdrawalReasonSchema.default('OTHER') });
export const ratingBodySchema = z.strictObject({ stars: z.number().int().min(1).max(5) });

export const commandResultSchema = z.strictObject({ showId: z.string(), version: z.number().int() });
export const likeResultSchema = z.strictObject({ showId: z.string(), liked: z.literal(true), counted: z.boolean() });
export const ratingResultSchema = z.strictObject({ showId: z.string(), stars: z.number().int() });
