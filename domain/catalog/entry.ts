import * as z from 'zod';
import { deliveryFormatSchema } from '../../events/catalog/fields';
import { processingStageSchema } from '../../events/catalog/processingFailed';
import { audienceSchema } from '../../events/catalog/showVisibilityChanged';

/**
 * Where a show is in its life, as its creator follows it (GET /studio/shows). `processing`: a stage of the publish
 * workflow runs (`stage` says which); `failed`: a stage failed (`stage`, `problem`); `rejected`: a reviewer said no
 * (`problem`). `withdrawn` and `deleted` are final: a deleted show answers 404 to everyone, a withdrawn one is still
 * seen by admins (support). Clients match on these names: add, never rename.
 */
export const catalogStatusSchema = z.enum(['drafted', 'awaitingUpload', 'processing', 'awaitingReview', 'rejected', 'published', 'failed', 'withdrawn', 'deleted']);
export type CatalogStatus = z.infer<typeof catalogStatusSchema>;

/** Who may see the show: `public` (listed once published), `unlisted` (by link), `private` (creator and admins). */
export const catalogVisibilitySchema = audienceSchema;
export type CatalogVisibility = z.infer<typeof catalogVisibilitySchema>;

/** Why a show is rejected or failed: the stable code of the event and its words for people. */
export const catalogProblemSchema = z.strictObject({ reason: z.string(), message: z.string() });

/** One caption track as a viewer picks it: its BCP 47 tag and the name shown in a player's menu. */
export const catalogCaptionSchema = z.strictObject({ language: z.string(), label: z.string() });

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
  status: catalogStatusSchema,
  visibility: catalogVisibilitySchema,
  /** The workflow stage a `processing` show is in, or the one a `failed`/`rejected` show stopped at. */
  stage: processingStageSchema.nullable(),
  problem: catalogProblemSchema.nullable(),
  /** The latest transcode requested: what a running transcode's progress is looked up by. */
  transcodeId: z.string().nullable(),
  /** Premium shows stay listed; watching them needs an active subscription (GET /shows/{showId}/playback). */
  premium: z.boolean(),
  playback: z.array(z.strictObject({ format: deliveryFormatSchema, url: z.string() })),
  thumbnailUrls: z.array(z.string()),
  /** Caption languages players offer (CaptionsAdded, CaptionsRemoved); entries stored before captions existed have none. */
  captions: z.array(catalogCaptionSchema).default([]),
  draftedAt: z.string(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int().positive(),
});
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
