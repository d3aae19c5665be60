import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createStoreFixture, type StoreFixture } from '../../adapters/eventstore/testing/storeFixture';
import { createLocalCognito } from '../../local/cognito/service';
import { startEdgeServer } from '../../local/edge';
import { createLocalIssuer } from '../../local/gateway/issuer';
import { callHttp } from '../http/testing/request';
import { adminUsersApi } from './adminUsers';
import { accountsApi } from './api';
import { registrationTrigger } from './registrationTrigger';
import { cognitoUserPool } from './userPool';

const clock = () => new Date('2026-06-01T09:00:00.000Z');
const password = 'Correct-Horse-42';
const admin = { sub: 'admin-1', groups: '[admin]' };
let fixture: StoreFixture;
let edge: Awaited<ReturnType<typeof startEdgeServer>>;
let client: CognitoIdentityProviderClient;
let accounts: ReturnType<typeof accountsApi>;
let users: ReturnType<typeof adminUsersApi>;

const register = async (email: string) => expect((await callHttp(accounts.register, { body: { email, password } })).status).toBe(202);
const find = async (email: string, extra: Record<string, string> = {}) => (await callHttp(users.findUsers, { query: { email, ...extra }, user: admin })).body as { items: Array<{ userId: string; email: string; roles: string[]; enabled: boolean }>; nextCursor: string | null };
const userEvents = async (userId: string) => (await fixture.store.readStream(`user#${userId}`)).events.map((e) => [e.type, e.actor.id]);

// The account routes over the real adapters: the Cognito port through the SDK to the local Cognito (whose Post
// confirmation trigger records the registration), the event store on DynamoDB Local.
beforeAll(async () => {
  fixture = await createStoreFixture();
  const issuer = await createLocalIssuer({ dataDir: mkdtempSync(join(tmpdir(), 'admin-users-')) });
  const trigger = registrationTrigger({ store: fixture.store, clock });
  const cognito = createLocalCognito({ issuer, hashRounds: 4, triggers: { postConfirmation: (event) => trigger(event, {} as never) } });
  edge = await startEdgeServer(0, [{ targetPrefix: 'AWSCognitoIdentityProviderService', contentType: 'application/x-amz-json-1.1', service: cognito }]);
  client = new CognitoIdentityProviderClient({ endpoint: edge.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deps = { store: fixture.store, pool: cognitoUserPool(client, { userPoolId: 'local', clientId: 'apps' }), clock };
  accounts = accountsApi(deps);
  users = adminUsersApi(deps);
  for (const email of ['ada@example.com', 'adam@example.com', 'bea@example.com']) await register(email);
});
afterAll(async () => {
  client.destroy();
  await edge.stop();
  await fixture.dispose();
});

describe('admins find users by email', () => {
  it('finds by the start of the address, whatever its case, with roles and status, a page at a time', async () => {
    const found = await find('ADA');
    expect(found.items.map((u) => [u.email, u.roles, u.enabled])).toEqual([['ada@example.com', [], true], ['adam@example.com', [], true]]);
    const ada = found.items[0]?.userId ?? '';
    await callHttp(accounts.grantRole, { path: { userId: ada, role: 'operator' }, user: admin });
    expect((await find('ada@')).items).toEqual([{ userId: ada, email: 'ada@example.com', roles: ['operator'], enabled: true }]);
    const first = await find('a', { limit: '1' });
    expect(first.items).toHaveLength(1);
    expect((await find('a', { limit: '1', cursor: first.nextCursor ?? '' })).items.map((u) => u.email)).toEqual(['adam@example.com']);
    expect((await find('nobody')).items).toEqual([]);
  });

  it('is for admins only, and says what is wrong with a bad search', async () => {
    expect((await callHttp(users.findUsers, { query: { email: 'ada' }, user: { sub: 'op-1', groups: '[operator]' } })).status).toBe(403);
    expect(await callHttp(users.findUsers, { query: {}, user: admin })).toMatchObject({ status: 400, body: { message: expect.stringContaining('query.email is required') } });
  });
});

describe('admins disable and enable users', () => {
  it('disables: an event, sign-in refused in words, the refresh token too; enables: an event, sign-in works again', async () => {
    const bea = (await find('bea@')).items[0]?.userId ?? '';
    const signedIn = await callHttp(accounts.login, { body: { email: 'bea@example.com', password } });
    expect(await callHttp(users.disableUser, { path: { userId: bea }, user: admin })).toMatchObject({ status: 200, body: { userId: bea, email: 'bea@example.com', enabled: false } });
    expect(await callHttp(accounts.login, { body: { email: 'bea@example.com', password } })).toMatchObject({ status: 403, body: { error: 'account_disabled' } });
    expect((await callHttp(accounts.login, { body: { refreshToken: String(signedIn.body?.refreshToken) } })).status).toBe(403);
    expect((await find('bea@')).items[0]?.enabled).toBe(false);
    expect((await callHttp(users.disableUser, { path: { userId: bea }, user: admin })).status).toBe(200);
    expect(await callHttp(users.enableUser, { path: { userId: bea }, user: admin })).toMatchObject({ status: 200, body: { enabled: true } });
    expect((await callHttp(accounts.login, { body: { email: 'bea@example.com', password } })).status).toBe(200);
    expect(await userEvents(bea)).toEqual([['UserRegistered', 'cognito'], ['UserDisabled', 'admin-1'], ['UserEnabled', 'admin-1']]);
  });

  it('refuses an unknown user (404) and an admin disabling themselves (409)', async () => {
    expect(await callHttp(users.disableUser, { path: { userId: 'nobody' }, user: admin })).toMatchObject({ status: 404, body: { error: 'USER_NOT_FOUND' } });
    const ada = (await find('ada@')).items[0]?.userId ?? '';
    expect(await callHttp(users.disableUser, { path: { userId: ada }, user: { sub: ada, groups: '[admin]' } })).toMatchObject({ status: 409, body: { error: 'CANNOT_DISABLE_SELF' } });
  });
});
