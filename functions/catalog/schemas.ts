import * as z from 'zod';
import { catalogProblemSchema, catalogStatusSchema, catalogVisibilitySchema } from '../../domain/catalog';
import { showChangesSchema } from '../../domain/show/commandSchemas';
import { deliveryFormatSchema, descriptionSchema, genreSchema, languageSchema, showIdSchema, titleSchema } from '../../events/catalog/fields';
import { processingStageSchema } from '../../events/catalog/processingFailed';
import { withdrawalReasonSchema } from '../../events/catalog/showWithdrawn';

/**
 * The catalogue API's shapes: requests are parsed with them, responses are built to them, and GET /api-docs
 * is generated from them, so the document cannot drift from what the handlers do.
 */
export const showPathSchema = z.strictObject({ showId: showIdSchema });

const limitSchema = z.coerce.number().int().min(1).max(100).default(20).describe('items per page, 1 to 100 (default 20)');
const cursorSchema = z.string().min(1).max(2000).optional().describe('`nextCursor` of the previous page; leave it out for the first page');

export const listShowsQuerySchema = z.strictObject({
  genre: genreSchema.optional(),
  language: languageSchema.optional(),
  q: z.string().trim().min(1).max(200).optional().describe('words that must all begin a word of the title or description'),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const showSummarySchema = z.strictObject({
  showId: z.string(),
  title: z.string(),
  description: z.string(),
  genre: z.string(),
  language: z.string(),
  premium: z.boolean(),
  thumbnailUrls: z.array(z.string()),
  captions: z.array(z.strictObject({ language: z.string(), label: z.string() })).describe('caption languages players offer, each with the name a captions menu shows'),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
});

export const showsPageSchema = z.strictObject({
  items: z.array(showSummarySchema),
  nextCursor: z.string().nullable().describe('null on the last page; otherwise send it back as `cursor` for the next one'),
});

const lifecycleFields = {
  status: catalogStatusSchema.describe('where the show is in its life: drafted, awaitingUpload, processing, awaitingReview, rejected, published, failed, withdrawn'),
  visibility: catalogVisibilitySchema.describe('public: listed; unlisted: anyone with the link; private: its creator and admins'),
  stage: processingStageSchema.nullable().describe('the workflow stage a processing show is in, or where a failed or rejected one stopped'),
  problem: catalogProblemSchema.nullable().describe('why it was rejected or failed: a stable reason code and a sentence'),
};

export const showDetailSchema = showSummarySchema.extend({
  ...lifecycleFields,
  creatorId: z.string(),
  playback: z
    .array(z.strictObject({ format: deliveryFormatSchema, url: z.string() }))
    .describe('manifests of a free show; always empty for a premium show: play it through GET /shows/{showId}/playback'),
  likeCount: z.number().int().nonnegative(),
  ratingCount: z.number().int().nonnegative(),
  averageRating: z.number().min(1).max(5).nullable(),
});

export const studioQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema });

export const studioShowSchema = showSummarySchema.extend({
  ...lifecycleFields,
  progress: z
    .strictObject({ stage: z.literal('transcode'), percent: z.number().int().min(0).max(100) })
    .nullable()
    .describe('while the transcode runs: how far, as MediaConvert reports it (null when it cannot be had)'),
  draftedAt: z.string(),
  updatedAt: z.string(),
});

export const studioPageSchema = z.strictObject({
  items: z.array(studioShowSchema),
  nextCursor: z.string().nullable().describe('null on the last page; otherwise send it back as `cursor` for the next one'),
});

export const createShowBodySchema = z.strictObject({
  showId: showIdSchema,
  title: titleSchema,
  description: descriptionSchema,
  genre: genreSchema,
  language: languageSchema,
  premium: z.boolean().default(false),
});
export const updateShowBodySchema = showChangesSchema;
export const deleteQuerySchema = z.strictObject({ reason: withdrawalReasonSchema.optional().describe('why (admins taking a show down say so)') });
export const ratingBodySchema = z.strictObject({ stars: z.number().int().min(1).max(5) });

export const commandResultSchema = z.strictObject({ showId: z.string(), version: z.number().int() });
export const likeResultSchema = z.strictObject({ showId: z.string(), liked: z.literal(true), counted: z.boolean() });
export const ratingResultSchema = z.strictObject({ showId: z.string(), stars: z.number().int() });
