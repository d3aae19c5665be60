import { z } from 'zod';
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
  updateShowBodySchema,
  withdrawQuerySchema,
} from './schemas';

const tag = 'Catalogue';
const cached = { ETag: 'the body\'s version: send it back as If-None-Match (304) or If-Match (412 when stale)', 'Cache-Control': 'how long the answer may be reused' };
const notModified = { description: 'the client holds this very body (If-None-Match)' };
const notFound = { description: 'no such show visible to this caller' };
const refused = { description: 'the show refuses the change in its current state: `message` says why and what to do' };
const stale = { description: 'the show changed since you read it (If-Match): read it again, re-apply your change, send the new ETag' };
const ifMatchHeaders = z.strictObject({ 'if-match': z.string().optional().describe('the ETag (or version) last read; a stale one gets 412') });
const idempotencyHeaders = z.strictObject({ 'idempotency-key': z.string().max(200).optional().describe('a retry with the same key appends nothing new') });

const showExample = { showId: '7d0c3a4e-5f1b-4c2e-9a77-0e6f2b1d9c10', title: 'Night Trains', description: 'Sleeper routes across Europe', genre: 'documentary', language: 'en', premium: false, thumbnailUrls: [], publishedAt: '2026-11-30T09:00:00.000Z', version: 9 };

/** The catalogue's routes: the handlers in api.ts parse with these schemas and GET /api-docs documents them. */
export const catalogRoutes = {
  listShows: route({
    routeKey: 'GET /shows', operationId: 'listShows', tag, access: 'public', query: listShowsQuerySchema,
    summary: 'Published public shows, newest first, filtered and paged',
    description: 'Filter by genre, language and words of the title or description; page with `limit` and the previous page\'s `nextCursor`.',
    responses: { 200: { description: 'a page of shows', schema: showsPageSchema, headers: cached, example: { items: [showExample], nextCursor: null } }, 304: notModified },
  }),
  getShow: route({
    routeKey: 'GET /shows/{showId}', operationId: 'getShow', tag, access: 'public', path: showPathSchema,
    summary: 'One published show with playback, thumbnails and engagement',
    responses: { 200: { description: 'the show', schema: showDetailSchema, headers: cached }, 304: notModified, 404: notFound },
  }),
  getOwnShow: route({
    routeKey: 'GET /studio/shows/{showId}', operationId: 'getOwnShow', tag, access: 'public', signedIn: true, path: showPathSchema,
    summary: 'One show as its creator or an admin sees it, unpublished and withdrawn ones included',
    responses: { 200: { description: 'the show', schema: showDetailSchema, headers: cached }, 304: notModified, 404: notFound },
  }),
  createShow: route({
    routeKey: 'POST /shows', operationId: 'createShow', tag, access: { roles: ['admin', 'creator'] }, body: createShowBodySchema, headers: idempotencyHeaders,
    summary: 'Draft a show (creators and admins)',
    bodyExample: { showId: showExample.showId, title: showExample.title, description: showExample.description, genre: 'documentary', language: 'en' },
    responses: { 201: { description: 'drafted', schema: commandResultSchema, example: { showId: showExample.showId, version: 1 } }, 409: refused },
  }),
  updateShow: route({
    routeKey: 'PUT /shows/{showId}', operationId: 'updateShow', tag, access: { roles: ['admin'] }, path: showPathSchema, body: updateShowBodySchema, headers: ifMatchHeaders,
    summary: 'Change catalogue metadata',
    responses: { 200: { description: 'changed', schema: commandResultSchema }, 404: notFound, 409: refused, 412: stale },
  }),
  withdrawShow: route({
    routeKey: 'DELETE /shows/{showId}', operationId: 'withdrawShow', tag, access: { roles: ['admin'] }, path: showPathSchema, query: withdrawQuerySchema, headers: ifMatchHeaders,
    summary: 'Withdraw a show from the catalogue for good; its events stay',
    responses: { 200: { description: 'withdrawn', schema: commandResultSchema }, 404: notFound, 409: refused, 412: stale },
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
