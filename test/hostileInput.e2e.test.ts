import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { localCredentials } from '../local/cloud';
import { documentedOperations, type DocumentedOperation } from './documentedRoutes';
import { startE2eStack, type E2eStack } from './e2eStack';

/**
 * Hostile input on every documented route of `npm start`'s API: no token, a forged token, a caller without the
 * role, malformed and wrongly typed bodies, oversized bodies and junk path parameters. Each answers 4xx, never 5xx,
 * and nothing is appended to the event store. Routes come from the OpenAPI document, so a new route is covered
 * as soon as it is documented (and the document test makes sure every served route is).
 */
describe('hostile input on every route', () => {
  let stack: E2eStack;
  let api: string;
  let tokens: { everyRole: string; viewer: string; forged: string };
  let db: DynamoDBClient;

  const eventCount = async (): Promise<number> => (await db.send(new ScanCommand({ TableName: 'showrunner-dev-events', Select: 'COUNT' }))).Count ?? 0;

  beforeAll(async () => {
    stack = await startE2eStack('hostile');
    api = stack.cloud.endpoints.api;
    const viewer = await stack.token('hostile-viewer', []);
    tokens = {
      everyRole: await stack.token('hostile-admin', ['admin', 'creator', 'reviewer']),
      viewer,
      // The right header and claims, a signature that is not the issuer's.
      forged: `${viewer.slice(0, viewer.lastIndexOf('.') + 1)}${Buffer.from('not the signature').toString('base64url')}`,
    };
    db = new DynamoDBClient({ endpoint: stack.cloud.endpoints.dynamodb, region: stack.cloud.service.region, credentials: localCredentials });
  }, 120_000);

  afterAll(async () => {
    db.destroy();
    await stack.stop();
  }, 120_000);

  const urlOf = (operation: DocumentedOperation, pathValue: string) =>
    `${api}${operation.path.replace(/\{[^}]+\}/g, encodeURIComponent(pathValue))}`;

  const send = async (operation: DocumentedOperation, init: { token?: string; body?: string; pathValue?: string }) => {
    const response = await fetch(urlOf(operation, init.pathValue ?? 'hostile-id'), {
      method: operation.method,
      headers: { ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    await response.arrayBuffer();
    return `${operation.method} ${operation.path}: ${response.status}`;
  };

  const hostileRequests = (operation: DocumentedOperation): { token?: string; body?: string; pathValue?: string }[] => [
    ...(operation.signedIn ? [{}, { token: tokens.forged }, { token: 'not-a-jwt' }] : []),
    ...(operation.answers.includes('403') ? [{ token: tokens.viewer, body: operation.hasBody ? '{}' : undefined }] : []),
    ...(operation.hasBody
      ? ['{', '[]', '"a string"', '{"unexpected":{"$gt":""}}', 'null', JSON.stringify({ title: 42, showId: ['x'] }), `{"x":"${'y'.repeat(11 * 1024 * 1024)}"}`].map((body) => ({ token: tokens.everyRole, body }))
      : []),
    ...(operation.pathParameters.length > 0 ? ['../../etc/passwd', 'x'.repeat(3000), '<script>', '%00'].map((pathValue) => ({ token: tokens.everyRole, pathValue, body: operation.hasBody ? '{}' : undefined })) : []),
  ];

  it('answers 4xx to each hostile request and appends nothing', async () => {
    const before = await eventCount();
    const answers: string[] = [];
    for (const operation of documentedOperations()) {
      for (const request of hostileRequests(operation)) answers.push(await send(operation, request));
    }
    expect(answers.length).toBeGreaterThan(100);
    expect(answers.filter((answer) => !/: 4\d\d$/.test(answer))).toEqual([]);
    expect(await eventCount()).toBe(before);
  }, 600_000);
});
