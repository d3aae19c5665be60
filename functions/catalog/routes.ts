import * as z from 'zod';
import { route } from '../http/route';
import {
  commandResultSchema,
  createShowBodySchema,
  likeResultSchema,
  listShowsQuerySchema,
  ratingBodySchema,
  ratingResultSchema,
  showDetailSchema,
  showPathSchema,
  showsPageSchema,
  studioPageSchema,
  studioQuerySchema,
  updateShowBodySchema,
  deleteQuerySchema,
} from './schemas';

const tag = 'Catalogue';
const cached = { ETag: 'the body\'s version: send it back as If-None-Match (304) or If-Match (412 when stale)', 'Cache-Control': 'how long the answer may be reused' };
const notModified = { description: 'the client holds this very body (If-None-Match)' };
const notFound = { description: 'no such show visible to this caller' };
const refused = { description: 'the show refuses the change in its current state: `message` says why and what to do' };
const stale = { description: 'the show changed since you read it (If-Match): read it again, re-apply your change, send the new ETag' };
const notYours = { description: 'the show is not yours: only its creator or an admin may change or delete it' };
const ifMatchHeaders = z.strictObject({ 'if-match': z.string().optional().describe('the ETag (or version) last read; a stale one gets 412') });
const idempotencyHeaders = z.strictObject({ 'idempotency-key': z.string().max(200).optional().describe('a retry with the same key appends nothing new') });

const showExample = { showId: '7d0c3a4e-5f1b-4c2e-9a77-0e6f2b1d9c10', title: 'Night Trains', description: 'Sleeper routes across Europe', genre: 'documentary', language: 'en', premium: false, thumbnailUrls: [], publishedAt: '2026-11-30T09:00:00.000Z', version: 9 };
const studioExample = {
  ...showExample, publishedAt: null, version: 6, status: 'processing', visibility: 'unlisted', stage: 'transcode', problem: null,
  progress: { stage: 'transcode', percent: 42 }, draftedAt: '2026-11-30T08:50:00.000Z', updatedAt: '2026-11-30T08:55:00.000Z',
};

/** The catalogue's routes: the handlers in api.ts parse with these schemas and GET /api-docs documents them. */
export const catalogRoutes = {
  listShows: route({
    routeKey: 'GET /shows', operationId: 'listShows', tag, access: 'public', query: listShowsQuerySchema,
    summary: 'Published public shows, newest first, filtered and paged (unlisted and private ones never appear)',
    description: 'Filter by genre, language and words of the title or description; page with `limit` and the previous page\'s `nextCursor`.',
    responses: { 200: { description: 'a page of shows', schema: showsPageSchema, headers: cached, example: { items: [showExample], nextCursor: null } }, 304: notModified },
  }),
  getShow: route({
    routeKey: 'GET /shows/{showId}', operationId: 'getShow', tag, access: 'public', path: showPathSchema,
    summary: 'One published public or unlisted show with thumbnails and engagement; no media URL of a premium show (use its playback)',
    responses: { 200: { description: 'the show', schema: showDetailSchema, headers: cached }, 304: notModified, 404: notFound },
  }),
  getOwnShow: route({
    routeKey: 'GET /studio/shows/{showId}', operationId: 'getOwnShow', tag, access: 'public', signedIn: true, path: showPathSchema,
    summary: 'One show as its creator or an admin sees it: unpublished and private ones included (withdrawn ones for admins); deleted ones are 404',
    responses: { 200: { description: 'the show', schema: showDetailSchema, headers: cached }, 304: notModified, 404: notFound },
  }),
  createShow: route({
    routeKey: 'POST /shows', operationId: 'createShow', tag, access: { roles: ['admin', 'creator'] }, body: createShowBodySchema, headers: idempotencyHeaders,
    summary: 'Draft a show (creators and admins)',
    bodyExample: { showId: showExample.showId, title: showExample.title, description: showExample.description, genre: 'documentary', language: 'en' },
    responses: { 201: { description: 'drafted', schema: commandResultSchema, example: { showId: showExample.showId, version: 1 } }, 409: refused },
  }),
  listStudioShows: route({
    routeKey: 'GET /studio/shows', operationId: 'listStudioShows', tag, access: { roles: [] }, query: studioQuerySchema,
    summary: 'The caller\'s own shows, newest draft first, each with its status; paged',
    description: 'Every show the caller drafted but deleted ones, whatever its status or visibility. A processing show names its stage and, while it transcodes, its progress; a rejected or failed one says why. Page with `limit` and the previous page\'s `nextCursor`.',
    responses: { 200: { description: 'a page of the caller\'s shows', schema: studioPageSchema, example: { items: [studioExample], nextCursor: null } } },
  }),
  updateShow: route({
    routeKey: 'PUT /shows/{showId}', operationId: 'updateShow', tag, access: { roles: ['admin', 'creator'] }, path: showPathSchema, body: updateShowBodySchema, headers: ifMatchHeaders,
    summary: 'Change a show\'s metadata or visibility (its creator or an admin)',
    description: 'Send only the fields that change. `visibility`: public (listed), unlisted (anyone with the link) or private (creator and admins). With If-Match, a show changed since you read it is not touched (412).',
    bodyExample: { title: 'Night Trains, revised', visibility: 'unlisted' },
    responses: { 200: { description: 'changed (or nothing to change)', schema: commandResultSchema }, 403: notYours, 404: notFound, 409: refused, 412: stale },
  }),
  deleteShow: route({
    routeKey: 'DELETE /shows/{showId}', operationId: 'deleteShow', tag, access: { roles: [] }, path: showPathSchema, query: deleteQuerySchema, headers: ifMatchHeaders,
    summary: 'Delete a show (its creator or an admin): it leaves the catalogue, its media is deleted from storage; its events stay',
    description: 'Idempotent: deleting a deleted show answers 200 again and changes nothing. The media (source, renditions, thumbnails) is deleted shortly after, by a function reacting to the ShowDeleted event.',
    responses: { 200: { description: 'deleted', schema: commandResultSchema }, 403: notYours, 404: notFound, 412: stale },
  }),
  likeShow: route({
    routeKey: 'POST /shows/{showId}/likes', operationId: 'likeShow', tag, access: { roles: [] }, path: showPathSchema,
    summary: 'Like a show; once per user, repeating it changes nothing',
    responses: { 201: { description: 'counted', schema: likeResultSchema }, 200: { description: 'already liked', schema: likeResultSchema }, 404: notFound },
  }),
  rateShow: route({
    routeKey: 'POST /shows/{showId}/ratings', operationId: 'rateShow', tag, access: { roles: [] }, path: showPathSchema, body: ratingBodySchema,
    summary: 'Rate a show 1 to 5; a second rating replaces the first',
    bodyExample: { stars: 4 },
    responses: { 200: { description: 'recorded', schema: ratingResultSchema }, 404: notFound },
  }),
};
