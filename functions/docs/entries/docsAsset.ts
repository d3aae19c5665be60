import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { httpHandler } from '../../http/httpHandler';
import { docsRoutes } from '../routes';

// Swagger UI's files come from its npm package, shipped beside the asset function's bundle (package.patterns in
// functions.yml); found on first use, so the function loads without reading them.
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

/** `docsAsset` of functions.yml: GET /docs/{asset}, Swagger UI's script and style sheet; its bundle holds no route's schemas. */
export const handler = httpHandler(docsRoutes.docsAsset, async ({ path }) => ({
  statusCode: 200,
  headers: { 'content-type': assets[path.asset].type, 'cache-control': 'public, max-age=86400' },
  body: assetBody(path.asset),
}));
