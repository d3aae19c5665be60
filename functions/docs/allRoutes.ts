import { catalogRoutes } from '../catalog/routes';
import type { RouteDoc } from '../http/route';
import type { TagDoc } from './openapiDocument';
import { docsRoutes } from './routes';

/** Every area's routes, in the order the document lists them. A route serverless.yml serves must be here (tested). */
export const allRoutes: readonly RouteDoc[] = [...Object.values(catalogRoutes), ...Object.values(docsRoutes)] as readonly RouteDoc[];

export const apiTags: readonly TagDoc[] = [
  { name: 'Catalogue', description: 'Published shows, their metadata, likes and ratings' },
  { name: 'Documentation', description: 'This API\'s own description: the OpenAPI document and its reference page' },
];
