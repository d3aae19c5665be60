import * as z from 'zod';
import { captionsAdded } from '../../events/catalog/captionsAdded';
import { captionsRemoved } from '../../events/catalog/captionsRemoved';
import { deliveryFormatSchema, languageSchema, messageSchema, positiveInt, transcodeIdSchema, undeterminedLanguage, uploadIdSchema } from '../../events/catalog/fields';
import { ingestFailureReasonSchema } from '../../events/catalog/ingestFailed';
import { ingestRetryRequested } from '../../events/catalog/ingestRetryRequested';
import { processingFailed } from '../../events/catalog/processingFailed';
import { escalationReasonSchema } from '../../events/catalog/reviewEscalated';
import { showDraftedV1Schema } from '../../events/catalog/showDrafted';
import { metadataChangeFields } from '../../events/catalog/showMetadataUpdated';
import { playbackSchema, showPublished } from '../../events/catalog/showPublished';
import { rejectionReasonSchema } from '../../events/catalog/showRejected';
import { audienceSchema } from '../../events/catalog/showVisibilityChanged';
import { withdrawalReasonSchema } from '../../events/catalog/showWithdrawn';
import { sourceProbedSchema } from '../../events/catalog/sourceProbed';
import { sourceUploaded } from '../../events/catalog/sourceUploaded';
import { transcodeCompletedSchema } from '../../events/catalog/transcodeCompleted';
import { transcodeFailureReasonSchema } from '../../events/catalog/transcodeFailed';
import type { ShowCommand } from './commands';
import { executionStatuses } from './stranded';

const showChangeFields = { ...metadataChangeFields, visibility: audienceSchema.optional() };

/** The run behind a show's status, as the caller found it in Step Functions. */
const runBehindSchema = z.strictObject({ executionName: z.string().min(1).max(256), status: z.enum(executionStatuses) });

/** What PUT /shows/{showId} takes: at least one of the catalogue fields, the premium flag or the visibility. */
export const showChangesSchema = z
  .strictObject(showChangeFields)
  .refine((value) => Object.keys(showChangeFields).some((field) => value[field as keyof typeof value] !== undefined), 'name at least one field to change: title, description, genre, language, premium or visibility');

/**
 * What a caller may send for each command, validated at the boundary (API body, workflow task input) with
 * the same field schemas as the events, so a command that passes here decides events that pass their
 * contract. Excludes what the server supplies: `type` (from the route), `showId` (from the path), `now` and
 * `actor` (from the clock and the authorizer).
 */
export const showCommandInputSchemas = {
  DraftShow: showDraftedV1Schema.omit({ showId: true }).extend({ language: languageSchema.default(undeterminedLanguage), premium: z.boolean().default(false) }),
  UpdateShowMetadata: showChangesSchema,
  RequestUpload: z.strictObject({
    uploadId: uploadIdSchema,
    fileName: z.string().min(1).max(255),
    contentType: z.string().min(1).max(255),
    sizeBytes: positiveInt,
  }),
  RecordSourceUploaded: sourceUploaded.schema.omit({ showId: true }),
  StartIngest: z.strictObject({ uploadId: uploadIdSchema, executionId: z.string().min(1).max(2048) }),
  RecordSourceProbe: sourceProbedSchema.omit({ showId: true }),
  RecordIngestFailure: z.strictObject({ uploadId: uploadIdSchema, reason: ingestFailureReasonSchema, message: messageSchema }),
  RequestTranscode: z.strictObject({ transcodeId: transcodeIdSchema, formats: z.array(deliveryFormatSchema).min(1) }),
  RecordTranscodeCompletion: transcodeCompletedSchema.omit({ showId: true }),
  RecordTranscodeFailure: z.strictObject({
    transcodeId: transcodeIdSchema,
    reason: transcodeFailureReasonSchema,
    message: messageSchema,
  }),
  RequestReview: z.strictObject({}),
  EscalateReview: z.strictObject({ reason: escalationReasonSchema, message: messageSchema }),
  ApproveShow: z.strictObject({ note: messageSchema.optional() }),
  RejectShow: z.strictObject({ reason: rejectionReasonSchema, message: messageSchema }),
  PublishShow: showPublished.schema.omit({ showId: true, transcodeId: true }).extend({ playback: z.array(playbackSchema).min(1) }),
  WithdrawShow: z.strictObject({ reason: withdrawalReasonSchema, note: messageSchema.optional() }),
  DeleteShow: z.strictObject({ reason: withdrawalReasonSchema.optional(), note: messageSchema.optional() }),
  RecordProcessingFailure: processingFailed.schema.omit({ showId: true }),
  RequestReprocess: z.strictObject({ run: runBehindSchema }),
  RetryIngest: z.strictObject({ run: runBehindSchema, executionName: ingestRetryRequested.schema.shape.executionName }),
  AddCaptions: captionsAdded.schema.omit({ showId: true }),
  RemoveCaptions: captionsRemoved.schema.omit({ showId: true }),
} satisfies { [TType in ShowCommand['type']]: z.ZodType<CommandInput<TType>> };

/** The fields of a command that the caller supplies. */
export type CommandInput<TType extends ShowCommand['type']> = Omit<
  Extract<ShowCommand, { type: TType }>,
  'type' | 'showId' | 'now' | 'actor'
>;
