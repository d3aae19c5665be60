import * as z from 'zod';
import { workflowStages } from '../../domain/media/timeline';
import { showCommandInputSchemas } from '../../domain/show/commandSchemas';
import { showIdSchema, messageSchema } from '../../events/catalog/fields';
import { reviewAssessmentSchema } from '../../events/catalog/reviewAssessment';
import { rejectionReasonSchema } from '../../events/catalog/showRejected';
import { playbackGrantSchema } from '../delivery/grantSchema';
import { route } from '../http/route';

const tag = 'Publishing';
const reviewTag = 'Review';

export const showPathSchema = z.strictObject({ showId: showIdSchema });

/** S3's limit for one PUT: the presigned URL is one PUT, so a larger file needs a multipart upload. */
export const singlePutLimitBytes = 5 * 1024 ** 3;
/** S3's limit for one object, uploaded in parts. */
export const multipartLimitBytes = 5 * 1024 ** 4;

/** The file a client declares before uploading it: the presigned PUT pins its type and size. */
export const uploadFileSchema = showCommandInputSchemas.RequestUpload.omit({ uploadId: true }).extend({
  contentType: z
    .string()
    .max(255)
    .regex(/^video\/[a-z0-9][a-z0-9.+-]*$/i, 'must be a video type such as video/mp4 or video/quicktime'),
  sizeBytes: z
    .number({ error: 'must be the file\'s size in bytes, a number' })
    .int('must be a whole number of bytes')
    .positive('must be more than 0: the file cannot be empty')
    .max(multipartLimitBytes, `must be at most ${multipartLimitBytes} bytes (5 TiB), S3's limit for one object`),
  multipart: z.boolean().optional().describe('upload in parts (resumable; needed past 5 GiB): the answer has presigned part URLs instead of one PUT'),
}).refine((file) => file.multipart === true || file.sizeBytes <= singlePutLimitBytes, {
  path: ['sizeBytes'],
  message: `must be at most ${singlePutLimitBytes} bytes (5 GiB) for one PUT: send "multipart": true to upload a larger file in parts`,
});

// A client may choose the show id (ids come from the caller, so a retried request drafts nothing twice).
export const uploadBodySchema = showCommandInputSchemas.DraftShow.extend(uploadFileSchema.shape)
  .extend({ showId: showIdSchema.optional() })
  .refine((file) => file.multipart === true || file.sizeBytes <= singlePutLimitBytes, {
    path: ['sizeBytes'],
    message: `must be at most ${singlePutLimitBytes} bytes (5 GiB) for one PUT: send "multipart": true to upload a larger file in parts`,
  });

const uploadExample = { fileName: 'night-trains.mp4', contentType: 'video/mp4', sizeBytes: 73400320 };
const partUrlSchema = z.strictObject({ partNumber: z.number().int(), url: z.string() });
const presignedUploadSchema = z.union([
  z.strictObject({
    showId: z.string(),
    uploadId: z.string(),
    upload: z.strictObject({ method: z.literal('PUT'), url: z.string(), headers: z.record(z.string(), z.string()), key: z.string() }),
  }),
  z.strictObject({
    showId: z.string(),
    uploadId: z.string(),
    multipart: z.strictObject({
      key: z.string(),
      partSizeBytes: z.number().int(),
      partCount: z.number().int(),
      parts: z.array(partUrlSchema).describe('presigned PUTs of the first 1,000 parts; GET .../parts gives the rest'),
    }),
  }),
]);
const presignedUpload = {
  description: 'One PUT: send the file to `upload.url` with `upload.headers` (its type and exact size are part of the signature). In parts (`multipart: true`): PUT each `partSizeBytes` slice (the last one shorter) to its part URL, keep each answer\'s ETag, then POST .../complete',
  schema: presignedUploadSchema,
};
export const uploadPathSchema = z.strictObject({ showId: showIdSchema, uploadId: showIdSchema });
const partsSchema = z.strictObject({
  partSizeBytes: z.number().int(),
  partCount: z.number().int(),
  uploaded: z.array(z.strictObject({ partNumber: z.number().int(), etag: z.string(), sizeBytes: z.number().int() })),
  missing: z.array(partUrlSchema).describe('presigned PUTs of up to 1,000 parts not uploaded yet'),
});
export const completeBodySchema = z.strictObject({
  parts: z.array(z.strictObject({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().min(1).max(200) })).min(1).max(10_000).describe('every part, in ascending order, with the ETag its PUT answered'),
});
const noUpload = { description: 'no such show or multipart upload in progress, or not yours' };

export const reviewStatusSchema = z.enum(['pending', 'approved', 'rejected', 'abandoned']);
export const reviewsQuerySchema = z.strictObject({
  status: reviewStatusSchema.default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2000).optional().describe('nextCursor of the previous page'),
});
const reviewSchema = z.strictObject({
  showId: z.string(),
  transcodeId: z.string(),
  status: reviewStatusSchema,
  executionName: z.string(),
  requestedAt: z.string(),
  escalation: z.string().nullable(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  claimedBy: z.string().optional(),
  claimedAt: z.string().optional(),
  assessment: reviewAssessmentSchema.optional().describe('what the machine reviewer measured: media signals (black, silence shares) and, when content moderation ran, the highest score per category; from its escalation or decision, so a human sees why'),
  recommendation: z.strictObject({ decision: z.literal('approve'), by: z.string(), at: z.string(), note: z.string() }).optional().describe('the machine reviewer\'s approval, for a human to confirm (MACHINE_REVIEW_APPROVALS=recommend)'),
  preview: playbackGrantSchema.optional().describe('pending reviews only: play the renditions under review with it, as with GET /shows/{showId}/playback'),
});
export const reviewsPageSchema = z.strictObject({ reviews: z.array(reviewSchema), nextCursor: z.string().nullable() });
export const decisionBodySchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve'), reason: messageSchema.optional() }),
  z.strictObject({ decision: z.literal('reject'), reason: messageSchema, category: rejectionReasonSchema.default('OTHER') }),
]);

const stageSchema = z.enum(workflowStages);
const timelineSchema = z.strictObject({
  showId: z.string(),
  currentStage: stageSchema.nullable(),
  stages: z.array(z.strictObject({ stage: stageSchema, status: z.enum(['running', 'succeeded', 'failed']), startedAt: z.string(), endedAt: z.string().nullable(), detail: z.string().nullable() })),
  executionName: z.string().nullable(),
  error: z.strictObject({ stage: stageSchema, reason: z.string(), message: z.string() }).nullable(),
  progress: z.strictObject({ stage: z.literal('transcode'), percent: z.number(), jobId: z.string() }).nullable(),
});
const notPending = { description: 'the review is not waiting for a decision (decided already, or its run stopped)' };
const noShow = { description: 'no such show' };
const ownUpload = { description: 'the caller created the show or uploaded its source: someone else must judge it' };

/** Upload, follow the publish workflow, reprocess, and review. */
export const workflowRoutes = {
  createUpload: route({
    routeKey: 'POST /uploads', operationId: 'createUpload', tag, access: { roles: ['creator', 'admin'] }, body: uploadBodySchema,
    summary: 'Draft a show and get a presigned PUT for its source video; the upload starts the workflow',
    bodyExample: { title: 'Night Trains', description: 'Sleeper routes across Europe', genre: 'documentary', language: 'en', ...uploadExample },
    responses: {
      201: presignedUpload,
      409: { description: 'a show with this `showId` exists already: upload its source with POST /shows/{showId}/uploads' },
    },
  }),
  createShowUpload: route({
    routeKey: 'POST /shows/{showId}/uploads', operationId: 'createShowUpload', tag, access: { roles: ['creator', 'admin'] }, path: showPathSchema, body: uploadFileSchema,
    summary: 'Get a presigned PUT for the source of a drafted show, or a new source for a rejected or failed one (its creator or an admin)',
    description: 'Each call is a new upload (a new `uploadId`); the file\'s arrival starts a new run of the workflow on it. A draft, a show still waiting for its upload, and a show whose ingest, transcode or review failed or rejected it take a source; a show being processed or published does not.',
    bodyExample: uploadExample,
    responses: {
      201: presignedUpload,
      404: { description: 'no such show, or not yours: draft it with POST /shows first' },
      409: { description: 'the show takes no source in its current state (processing, in review, published): `message` says why' },
    },
  }),
  uploadParts: route({
    routeKey: 'GET /shows/{showId}/uploads/{uploadId}/parts', operationId: 'listUploadParts', tag, access: { roles: ['creator', 'admin'] }, path: uploadPathSchema,
    summary: 'The parts of a multipart upload S3 has, and presigned PUTs for those still missing: resume after a dropped connection',
    responses: { 200: { description: 'uploaded and missing parts', schema: partsSchema }, 404: noUpload, 409: { description: 'the upload is not awaited any more' } },
  }),
  completeUpload: route({
    routeKey: 'POST /shows/{showId}/uploads/{uploadId}/complete', operationId: 'completeUpload', tag, access: { roles: ['creator', 'admin'] }, path: uploadPathSchema, body: completeBodySchema,
    summary: 'Assemble a multipart upload from its parts; the file\'s arrival starts the workflow',
    bodyExample: { parts: [{ partNumber: 1, etag: '"9b2cf535f27731c974343645a3985328"' }, { partNumber: 2, etag: '"b5a9e35ae8f21c5ec36cc5e9e8e0d0c7"' }] },
    responses: {
      200: { description: 'assembled; ingest starts', schema: z.strictObject({ showId: z.string(), uploadId: z.string(), key: z.string() }) },
      404: noUpload,
      409: { description: 'the upload is not awaited any more' },
    },
  }),
  abortUpload: route({
    routeKey: 'DELETE /shows/{showId}/uploads/{uploadId}', operationId: 'abortUpload', tag, access: { roles: ['creator', 'admin'] }, path: uploadPathSchema,
    summary: 'Abort a multipart upload: S3 deletes the parts uploaded so far',
    description: 'An upload left incomplete is aborted anyway after a few days (the source bucket\'s lifecycle rule); start a new one with POST /shows/{showId}/uploads.',
    responses: { 204: { description: 'aborted; no part is kept' }, 404: noUpload, 409: { description: 'the upload is not awaited any more' } },
  }),
  reprocess: route({
    routeKey: 'POST /shows/{showId}/reprocess', operationId: 'reprocessShow', tag, access: { roles: ['admin'] }, path: showPathSchema,
    summary: 'Run the workflow again on the show\'s source, from the transcode on (admins)',
    responses: { 202: { description: 'a new run started', schema: z.strictObject({ showId: z.string(), executionName: z.string() }) }, 404: noShow, 409: { description: 'nothing to reprocess, or the show is not in a state that allows it' } },
  }),
  retryIngest: route({
    routeKey: 'POST /shows/{showId}/ingest/retry', operationId: 'retryIngest', tag, access: { roles: ['creator', 'admin'] }, path: showPathSchema,
    summary: 'Ingest the show\'s recorded source again after its ingest failed (its creator, admins)',
    description:
      'For an ingest that failed for a reason other than the file itself (it could not be read, the probe timed out, the task crashed): a new run of the workflow starts from ingest on the same object, with no new upload. A file with no video stream or in an unsupported format, or an empty one, needs a new source instead (POST /shows/{showId}/uploads); the 409 says which.',
    responses: {
      202: { description: 'a new run started from ingest', schema: z.strictObject({ showId: z.string(), executionName: z.string() }) },
      404: { description: 'no such show, or not yours' },
      409: { description: 'the show\'s ingest did not fail, its failed run is still running, or its source itself cannot be used (upload a new one)' },
    },
  }),
  workflow: route({
    routeKey: 'GET /shows/{showId}/workflow', operationId: 'showWorkflow', tag, access: { roles: [] }, path: showPathSchema,
    summary: 'The stage timeline of the show\'s latest run, with transcode progress while it runs',
    description: 'For the show\'s creator, reviewers and admins; to anyone else the show does not exist (404).',
    responses: { 200: { description: 'the timeline', schema: timelineSchema }, 404: { description: 'no such show, or not yours to follow' } },
  }),
  listReviews: route({
    routeKey: 'GET /reviews', operationId: 'listReviews', tag: reviewTag, access: { roles: ['reviewer', 'admin'] }, query: reviewsQuerySchema,
    summary: 'Reviews in a status (pending by default), oldest first, a page at a time',
    description: 'Page with `limit` and the previous page\'s `nextCursor` (null on the last page). Each pending review carries `preview`, a grant valid for minutes over every object a player fetches for the renditions under review (HLS and DASH): list again for a fresh one.',
    responses: { 200: { description: 'a page of reviews', schema: reviewsPageSchema }, 400: { description: 'a query that is not valid, or a cursor this API did not give' } },
  }),
  decide: route({
    routeKey: 'POST /reviews/{showId}/decision', operationId: 'decideReview', tag: reviewTag, access: { roles: ['reviewer', 'admin'] }, path: showPathSchema, body: decisionBodySchema,
    summary: 'Approve or reject a pending review; one decision per review',
    bodyExample: { decision: 'reject', reason: 'the audio drops out after two minutes', category: 'AUDIO_QUALITY' },
    responses: { 200: { description: 'decided; the workflow resumes', schema: z.strictObject({ showId: z.string(), transcodeId: z.string(), decision: z.enum(['approve', 'reject']) }) }, 403: ownUpload, 409: notPending },
  }),
  claim: route({
    routeKey: 'POST /reviews/{showId}/claim', operationId: 'claimReview', tag: reviewTag, access: { roles: ['reviewer', 'admin'] }, path: showPathSchema,
    summary: 'Say you opened a review (keeps the workflow from escalating it for lack of attention)',
    responses: { 200: { description: 'claimed', schema: z.strictObject({ showId: z.string(), claimedBy: z.string(), claimedAt: z.string() }) }, 403: ownUpload, 409: notPending },
  }),
};
