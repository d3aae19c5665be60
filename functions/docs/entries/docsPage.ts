import { httpHandler } from '../../http/httpHandler';
import { docsPage } from '../docsPage';
import { docsRoutes } from '../routes';

/** `docsPage` of functions.yml: GET /docs, Swagger UI over GET /api-docs; its bundle holds no route's schemas. */
export const handler = httpHandler(docsRoutes.docsPage, async () => ({
  statusCode: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' },
  body: docsPage,
}));
