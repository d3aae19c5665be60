import { randomUUID } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createStoreFixture, type StoreFixture } from '../../../adapters/eventstore/testing/storeFixture';
import { publishCommands, runShowCommands } from '../../../adapters/projections/testing/showLifecycle';
import type { ShowCommand } from '../../../domain/show';
import { createServiceTables } from '../../../test/serviceTables';
import type { HttpResult } from '../../http/response';
import type { WorkflowConfig } from '../config';
import type { WorkflowDeps } from '../deps';
import { reviewQueueConsumer } from '../reviewQueue';
import { createReviewsTable } from '../reviewsTable';
import type { WorkflowTasks } from '../workflowTasks';
import { projectThroughStream } from './projectThroughStream';

/** Step Functions' callbacks in memory: tokens listed in `dead` answer as a wait that is over. */
export const memoryTasks = () => {
  const dead = new Set<string>();
  const sent: { kind: 'succeed' | 'heartbeat'; token: string; output?: unknown }[] = [];
  const tasks: WorkflowTasks = {
    succeed: async (token, output) => (dead.has(token) ? 'dead' : (sent.push({ kind: 'succeed', token, output }), 'sent')),
    heartbeat: async (token) => (dead.has(token) ? 'dead' : (sent.push({ kind: 'heartbeat', token }), 'sent')),
  };
  return { tasks, dead, sent };
};

export const testConfig: WorkflowConfig = {
  SOURCE_BUCKET: 'sources',
  MEDIA_BUCKET: 'media',
  REVIEWS_TABLE: 'reviews',
  EVENT_BUS_NAME: 'bus',
  PLAYBACK_BASE_URL: 'https://cdn.example.com',
  ARCHIVE_SOURCE: 'off',
  MACHINE_REVIEW_APPROVALS: 'publish',
  MEDIA_PACKAGING: 'hls-dash',
};

/** A fresh event store and reviews table on the test run's DynamoDB Local, with the workflow's ports over them. */
export const createWorkflowFixture = async () => {
  const store: StoreFixture = await createStoreFixture();
  const tables = await createServiceTables(store.client, ['reviews']);
  const reviewsTableName = tables.names.reviews;

  const db = DynamoDBDocumentClient.from(store.client, { marshallOptions: { removeUndefinedValues: true } });
  const memory = memoryTasks();
  const deps: WorkflowDeps = {
    config: { ...testConfig, REVIEWS_TABLE: reviewsTableName },
    store: store.store,
    reviews: createReviewsTable(db, reviewsTableName),
    tasks: memory.tasks,
    // Presigning is local computation: no S3 needs to answer at this endpoint for the URLs handed out.
    s3: new S3Client({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestChecksumCalculation: 'WHEN_REQUIRED' }),
    mediaConvert: {
      send: async () => {
        throw new Error('no MediaConvert in unit tests');
      },
    },
    mediaConvertRoleArn: () => 'arn:aws:iam::000000000000:role/mediaconvert',
    now: () => '2026-03-02T10:00:00.000Z',
    pause: async () => undefined,
  };
  /** Projects every event of the shows into the review queue, as the stream subscription would. */
  const projectReviews = async (...showIds: string[]) => {
    const streams = await Promise.all(showIds.map((id) => store.store.readStream(`show#${id}`)));
    return projectThroughStream(reviewQueueConsumer(deps), streams.flatMap((s) => s.events));
  };
  /** A show taken through the workflow's commands up to its first `steps` (8: review requested). */
  const showUpTo = (showId: string, steps: number, extra: readonly ShowCommand[] = []) =>
    runShowCommands(store.store, [...publishCommands({ showId }).slice(0, steps), ...extra.map((command) => ({ ...command, showId }))]);
  return {
    deps,
    memory,
    store,
    projectReviews,
    showUpTo,
    dispose: async () => {
      await tables.dispose();
      await store.dispose();
    },
  };
};

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

/** Calls a route's handler with the API Gateway (payload 2.0) event the local gateway and AWS give it. */
export const callRoute = async (
  handler: Handler,
  options: { path?: Record<string, string>; query?: Record<string, string>; body?: unknown; user?: { sub: string; groups: string }; requestId?: string } = {},
) => {
  const event = {
    version: '2.0',
    routeKey: 'test',
    rawPath: '/',
    rawQueryString: '',
    headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
    pathParameters: options.path,
    queryStringParameters: options.query,
    isBase64Encoded: false,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    requestContext: {
      requestId: options.requestId ?? randomUUID(),
      ...(options.user === undefined ? {} : { authorizer: { jwt: { claims: { sub: options.user.sub, 'cognito:groups': options.user.groups }, scopes: null } } }),
    },
  } as unknown as APIGatewayProxyEventV2;
  const result = await handler(event, {} as Context);
  return { status: result.statusCode, body: result.body === undefined ? undefined : (JSON.parse(String(result.body)) as Record<string, unknown>) };
};
