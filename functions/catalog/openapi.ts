import { z } from 'zod';
import {
  commandResultSchema,
  createShowBodySchema,
  errorSchema,
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

type Json = Record<string, unknown>;

/** OpenAPI 3.1 speaks JSON Schema 2020-12; requests are described as clients send them, responses as sent. */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'throw' }) as Json;
  return rest;
};

const responseSchemas = { ShowsPage: showsPageSchema, ShowDetail: showDetailSchema, CommandResult: commandResultSchema, LikeResult: likeResultSchema, RatingResult: ratingResultSchema, Error: errorSchema };
const requestSchemas = { CreateShow: createShowBodySchema, UpdateShow: updateShowBodySchema, Rating: ratingBodySchema };
export type ResponseSchemaName = keyof typeof responseSchemas;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const content = (name: string) => ({ 'application/json': { schema: ref(name) } });
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [String(status), { description: describeStatus[status] ?? 'error', content: content('Error') }]));
const describeStatus: Record<number, string> = {
  400: 'the request is invalid: details name each field',
  401: 'no valid bearer token',
  403: 'the caller lacks the role',
  404: 'no such show visible to this caller',
  409: 'the show refuses the change in its current state',
  412: 'If-Match names a version that is no longer current',
};

/** Parameters from the strict object schema of a path or query. */
const parameters = (schema: z.ZodType, where: 'path' | 'query'): Json[] => {
  const described = jsonSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(described.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (described.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
};

const bearer = [{ cognito: [] }];
const cached = { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } };
const notModified = { '304': { description: 'the client holds this very body (If-None-Match)', headers: cached } };
const ifMatch = { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'the ETag (or version) last read: a stale one gets 412' };

/** The catalogue API as OpenAPI 3.1, generated from the zod schemas the handlers parse and answer with. */
export const catalogOpenApi = (): Json => ({
  openapi: '3.1.0',
  info: { title: 'Showrunner catalogue API', version: '1.0.0', description: 'Published shows, their metadata and engagement; admin changes go through the Show decider.' },
  components: {
    schemas: {
      ...Object.fromEntries(Object.entries(responseSchemas).map(([name, schema]) => [name, jsonSchema(schema, 'output')])),
      ...Object.fromEntries(Object.entries(requestSchemas).map(([name, schema]) => [name, jsonSchema(schema, 'input')])),
    },
    securitySchemes: { cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
  },
  paths: {
    '/shows': {
      get: {
        operationId: 'listShows',
        summary: 'Published shows, newest first',
        parameters: parameters(listShowsQuerySchema, 'query'),
        responses: { '200': { description: 'a page of shows', headers: cached, content: content('ShowsPage') }, ...notModified, ...errors(400) },
      },
      post: {
        operationId: 'createShow',
        summary: 'Draft a show (admins and creators)',
        security: bearer,
        requestBody: { required: true, content: content('CreateShow') },
        responses: { '201': { description: 'drafted', content: content('CommandResult') }, ...errors(400, 401, 403, 409) },
      },
    },
    '/shows/{showId}': {
      get: {
        operationId: 'getShow',
        summary: 'One published show with playback, thumbnails and engagement',
        parameters: parameters(showPathSchema, 'path'),
        responses: { '200': { description: 'the show', headers: cached, content: content('ShowDetail') }, ...notModified, ...errors(400, 404) },
      },
      put: {
        operationId: 'updateShow',
        summary: 'Change catalogue metadata (admins)',
        security: bearer,
        parameters: [...parameters(showPathSchema, 'path'), ifMatch],
        requestBody: { required: true, content: content('UpdateShow') },
        responses: { '200': { description: 'changed', content: content('CommandResult') }, ...errors(400, 401, 403, 404, 409, 412) },
      },
      delete: {
        operationId: 'withdrawShow',
        summary: 'Withdraw a show from the catalogue for good (admins); its events stay',
        security: bearer,
        parameters: [...parameters(showPathSchema, 'path'), ...parameters(withdrawQuerySchema, 'query'), ifMatch],
        responses: { '200': { description: 'withdrawn', content: content('CommandResult') }, ...errors(400, 401, 403, 404, 409, 412) },
      },
    },
    '/studio/shows/{showId}': {
      get: {
        operationId: 'getOwnShow',
        summary: 'One show as its creator or an admin sees it, private and withdrawn ones included',
        security: bearer,
        parameters: parameters(showPathSchema, 'path'),
        responses: { '200': { description: 'the show', headers: cached, content: content('ShowDetail') }, ...notModified, ...errors(400, 401, 404) },
      },
    },
    '/shows/{showId}/likes': {
      post: {
        operationId: 'likeShow',
        summary: 'Like a show; once per user, repeating it changes nothing',
        security: bearer,
        parameters: parameters(showPathSchema, 'path'),
        responses: { '201': { description: 'counted', content: content('LikeResult') }, '200': { description: 'already liked', content: content('LikeResult') }, ...errors(400, 401, 404) },
      },
    },
    '/shows/{showId}/ratings': {
      post: {
        operationId: 'rateShow',
        summary: 'Rate a show 1 to 5; a second rating replaces the first',
        security: bearer,
        parameters: parameters(showPathSchema, 'path'),
        requestBody: { required: true, content: content('Rating') },
        responses: { '200': { description: 'recorded', content: content('RatingResult') }, ...errors(400, 401, 404) },
      },
    },
    '/api-docs': {
      get: { operationId: 'apiDocs', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } },
    },
  },
});
