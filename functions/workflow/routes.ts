import { z } from 'zod';
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

/** S3's limit for one PUT: the presigned URL is one PUT, so a larger file would need a multipart upload. */
export const singlePutLimitBytes = 5 * 1024 ** 3;

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
    .max(singlePutLimitBytes, `must be at most ${singlePutLimitBytes} bytes (5 GiB), S3's limit for one upload`),
});

// A client may choose the show id (ids come from the caller, so a retried request drafts nothing twice).
export const uploadBodySchema = showCommandInputSchemas.DraftShow.extend(uploadFileSchema.shape).extend({ showId: showIdSchema.optional() });

const uploadExample = { fileName: 'night-trains.mp4', contentType: 'video/mp4', sizeBytes: 73400320 };
const presignedUploadSchema = z.strictObject({
  showId: z.string(),
  uploadId: z.string(),
  upload: z.strictObject({ method: z.literal('PUT'), url: z.string(), headers: z.record(z.string(), z.string()), key: z.string() }),
});
const presignedUpload = { description: 'PUT the file to `upload.url` with `upload.headers` (its type and exact size are part of the signature)', schema: presignedUploadSchema };

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
  reprocess: route({
    routeKey: 'POST /shows/{showId}/reprocess', operationId: 'reprocessShow', tag, access: { roles: ['admin'] }, path: showPathSchema,
    summary: 'Run the workflow again on the show\'s source, from the transcode on (admins)',
    responses: { 202: { description: 'a new run started', schema: z.strictObject({ showId: z.string(), executionName: z.string() }) }, 404: noShow, 409: { description: 'nothing to reprocess, or the show is not in a state that allows it' } },
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
