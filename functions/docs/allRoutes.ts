import { adminUserRoutes } from '../accounts/adminRoutes';
import { accountRoutes } from '../accounts/routes';
import { captionRoutes } from '../captions/routes';
import { needsHandRoutes } from '../catalog/needsHandRoutes';
import { catalogRoutes } from '../catalog/routes';
import { healthRoutes } from '../health/routes';
import type { RouteDoc } from '../http/route';
import { operationsRoutes } from '../operations/routes';
import { paymentRoutes } from '../payments/routes';
import { insightsRoutes } from '../qos/insightsRoutes';
import { qosRoutes } from '../qos/routes';
import { workflowRoutes } from '../workflow/routes';
import type { TagDoc } from './openapiDocument';
import { docsRoutes } from './routes';

const areas = [accountRoutes, adminUserRoutes, catalogRoutes, workflowRoutes, captionRoutes, needsHandRoutes, operationsRoutes, paymentRoutes, qosRoutes, insightsRoutes, healthRoutes, docsRoutes];

/** Every area's routes, in the order the document lists them. A route serverless.yml serves must be here (tested). */
export const allRoutes: readonly RouteDoc[] = areas.flatMap((area) => Object.values(area) as RouteDoc[]);

export const apiTags: readonly TagDoc[] = [
  { name: 'Accounts', description: 'Sign up, sign in, sign out, who am I; roles, finding, disabling and enabling users (admins)' },
  { name: 'Catalogue', description: 'Shows: browse, search, read; draft and edit (creators and admins); likes and ratings' },
  { name: 'Publishing', description: 'Upload a source, follow the publish workflow (ingest, transcode, review, publish), reprocess' },
  { name: 'Review', description: 'The review queue: claim, approve or reject (reviewers)' },
  { name: 'Premium', description: 'Buy premium through the payment gateway, and play what it grants' },
  { name: 'Playback quality', description: 'Player QoS beacons in; QoE metrics and alerts out (operators)' },
  { name: 'Viewer sessions', description: 'The viewer sessions API: session events in, completed and started sessions out; their insights (operators)' },
  { name: 'Operations', description: 'Health of the running system; the stream dead-letter queue and its redrive (operators, admins)' },
  { name: 'Documentation', description: "This API's own description: the OpenAPI document and its reference page" },
];
