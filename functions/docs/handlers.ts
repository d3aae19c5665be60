import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import { allRoutes, apiTags } from './allRoutes';
import { docsPage as page } from './docsPage';
import { openApiDocument } from './openapiDocument';
import { docsRoutes } from './routes';

// Built once per container, on the first request for it: the document depends on nothing but the code, and the
// page's and the assets' functions (the same bundle) never need it, so their cold start does not pay for it.
let document: ReturnType<typeof openApiDocument> | undefined;
const apiDocument = () => (document ??= openApiDocument(allRoutes, apiTags));

// Swagger UI's files come from its npm package, shipped beside the asset function's bundle (package.patterns in
// functions.yml); found on first use, so the document's and the page's functions load without them.
const swaggerUi = () => dirname(createRequire(__filename).resolve('swagger-ui-dist/package.json'));
const assets = {
  'swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8' },
  'swagger-ui.css': { type: 'text/css; charset=utf-8' },
} as const;
const assetBodies = new Map<string, string>();
const assetBody = (name: keyof typeof assets): string => {
  const cached = assetBodies.get(name) ?? readFileSync(join(swaggerUi(), name), 'utf8');
  assetBodies.set(name, cached);
  return cached;
};

export const apiDocs = httpHandler(docsRoutes.apiDocs, async () => json(200, apiDocument(), { 'cache-control': 'public, max-age=300' }));

export const docsPage = httpHandler(docsRoutes.docsPage, async () => ({
  statusCode: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' },
  body: page,
}));

export const docsAsset = httpHandler(docsRoutes.docsAsset, async ({ path }) => ({
  statusCode: 200,
  headers: { 'content-type': assets[path.asset].type, 'cache-control': 'public, max-age=86400' },
  body: assetBody(path.asset),
}));
