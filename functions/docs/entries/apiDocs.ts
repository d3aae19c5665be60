import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { allRoutes, apiTags } from '../allRoutes';
import { openApiDocument } from '../openapiDocument';
import { docsRoutes } from '../routes';

// Built once per container, on the first request for it: the document depends on nothing but the code. Only this
// function's bundle holds every route's schemas and the generator; the page's and the assets' functions do not.
let document: ReturnType<typeof openApiDocument> | undefined;
const apiDocument = () => (document ??= openApiDocument(allRoutes, apiTags));

/** `apiDocs` of functions.yml: GET /api-docs. */
export const handler = httpHandler(docsRoutes.apiDocs, async () => json(200, apiDocument(), { 'cache-control': 'public, max-age=300' }));
