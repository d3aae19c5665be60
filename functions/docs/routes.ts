import * as z from 'zod';
import { route } from '../http/route';

const tag = 'Documentation';

export const assetPathSchema = z.strictObject({ asset: z.enum(['swagger-ui-bundle.js', 'swagger-ui.css']).describe('a file of the reference page') });

/** The routes that describe the API itself. */
export const docsRoutes = {
  apiDocs: route({
    routeKey: 'GET /api-docs', operationId: 'apiDocs', tag, access: 'public',
    summary: 'This document: OpenAPI 3.1 of every route',
    responses: { 200: { description: 'the OpenAPI document', schema: z.looseObject({ openapi: z.string() }) } },
  }),
  docsPage: route({
    routeKey: 'GET /docs', operationId: 'docsPage', tag, access: 'public',
    summary: 'The API reference, a page for people (Swagger UI over GET /api-docs)',
    responses: { 200: { description: 'an HTML page', schema: z.string(), contentType: 'text/html' } },
  }),
  docsAsset: route({
    routeKey: 'GET /docs/{asset}', operationId: 'docsAsset', tag, access: 'public', path: assetPathSchema,
    summary: 'A script or style sheet of the reference page, served by the API itself (no CDN)',
    responses: { 200: { description: 'the file', schema: z.string(), contentType: 'text/javascript' } },
  }),
};
