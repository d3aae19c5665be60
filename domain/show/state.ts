import * as z from 'zod';
import { deliveryFormatSchema, rungSchema } from '../../events/catalog/fields';
import { ingestFailureReasonSchema } from '../../events/catalog/ingestFailed';
import { processingStageSchema } from '../../events/catalog/processingFailed';
import { playbackSchema } from '../../events/catalog/showPublished';
import { rejectionReasonSchema } from '../../events/catalog/showRejected';
import { audienceSchema } from '../../events/catalog/showVisibilityChanged';
import { withdrawalReasonSchema } from '../../events/catalog/showWithdrawn';
import { sourceProbedSchema } from '../../events/catalog/sourceProbed';
import { outputSchema, renditionSchema } from '../../events/catalog/transcodeCompleted';
import { transcodeFailureReasonSchema } from '../../events/catalog/transcodeFailed';

/**
 * Where a show is in its life. `none`: nothing drafted under this id yet. `withdrawn` and `deleted` are terminal.
 * Read paths match on these names: add, never rename (and bump showStateVersion when the shape changes).
 */
export const showStatusSchema = z.enum([
  'none',
  'draft',
  'awaitingUpload',
  'uploaded',
  'ingesting',
  'ingestFailed',
  'probed',
  'transcoding',
  'transcodeFailed',
  'transcoded',
  'inReview',
  'rejected',
  'approved',
  'published',
  'withdrawn',
  // A workflow run stopped at a stage that has no failure status of its own (review, publish, a crashed task).
  'processingFailed',
  // Deleted by its creator or an admin (ShowDeleted): terminal, like withdrawn, and its media is removed.
  'deleted',
]);
export type ShowStatus = z.infer<typeof showStatusSchema>;

const failureSchema = <TReason extends z.ZodType>(reason: TReason) => z.strictObject({ reason, message: z.string() });

/*
 * Plain strings where events use stricter field schemas: the state only ever holds what validated events put
 * there, and evolve must stay total even for a stream the decider would never have produced.
 * Null, never undefined, for absent parts: the state is stored as JSON in snapshots and must round-trip.
 */
export const showStateSchema = z.strictObject({
  status: showStatusSchema,
  showId: z.string().nullable(),
  metadata: z
    .strictObject({ title: z.string(), description: z.string(), genre: z.string(), language: z.string(), premium: z.boolean() })
    .nullable(),
  /** Who the show is for (ShowVisibilityChanged); public until the creator says otherwise. */
  visibility: audienceSchema,
  upload: z
    .strictObject({
      uploadId: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      sizeBytes: z.number(),
      expiresAt: z.string(),
      source: z.strictObject({ key: z.string(), sizeBytes: z.number(), etag: z.string() }).nullable(),
      executionId: z.string().nullable(),
    })
    .nullable(),
  /** The probe of the current upload: what a reprocess transcodes from. */
  probe: sourceProbedSchema.nullable(),
  ingestFailure: failureSchema(ingestFailureReasonSchema).nullable(),
  /** The latest transcode of the current upload. */
  transcode: z
    .strictObject({
      transcodeId: z.string(),
      ladder: z.array(rungSchema),
      formats: z.array(deliveryFormatSchema),
      status: z.enum(['requested', 'completed', 'failed']),
      result: z
        .strictObject({ renditions: z.array(renditionSchema), outputs: z.array(outputSchema), thumbnailKeys: z.array(z.string()) })
        .nullable(),
      failure: failureSchema(transcodeFailureReasonSchema).nullable(),
    })
    .nullable(),
  review: z
    .strictObject({
      transcodeId: z.string(),
      status: z.enum(['pending', 'approved', 'rejected']),
      note: z.string().nullable(),
      rejection: failureSchema(rejectionReasonSchema).nullable(),
    })
    .nullable(),
  publication: z
    .strictObject({ transcodeId: z.string(), playback: z.array(playbackSchema), thumbnailUrls: z.array(z.string()) })
    .nullable(),
  withdrawal: z.strictObject({ reason: withdrawalReasonSchema, note: z.string().nullable() }).nullable(),
  /** Caption tracks, one per language, in the order they were first added (CaptionsAdded, CaptionsRemoved). */
  captions: z.array(z.strictObject({ language: z.string(), label: z.string(), key: z.string() })),
  /** The latest failed workflow run of the current upload: one failure is recorded per execution. */
  processingFailure: z
    .strictObject({ executionName: z.string(), stage: processingStageSchema, error: z.string(), cause: z.string() })
    .nullable(),
});
export type ShowState = z.infer<typeof showStateSchema>;

/**
 * The version of the state's shape and of evolve's meaning. Snapshots store it; a snapshot of another
 * version is ignored and the state is rebuilt from the events. Bump it whenever evolve or this schema changes.
 */
// 2: metadata carries premium; snapshots of version 1 are ignored and rebuilt from the stream.
// 3: processingFailure and the processingFailed status (ProcessingFailed events).
// 4: visibility (ShowVisibilityChanged) and the deleted status (ShowDeleted).
// 5: captions (CaptionsAdded, CaptionsRemoved).
export const showStateVersion = 5;

export const initialShowState: ShowState = {
  status: 'none',
  showId: null,
  metadata: null,
  visibility: 'public',
  upload: null,
  probe: null,
  ingestFailure: null,
  transcode: null,
  review: null,
  publication: null,
  withdrawal: null,
  processingFailure: null,
  captions: [],
};
