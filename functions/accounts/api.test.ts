import { createStoreFixture, type StoreFixture } from '../../adapters/eventstore/testing/storeFixture';
import { callHttp } from '../http/testing/request';
import { accountsApi } from './api';
import { registrationTrigger } from './registrationTrigger';
import { fakeUserPool } from './testing/fakeUserPool';

const clock = () => new Date('2026-06-01T09:00:00.000Z');
const password = 'Correct-horse-9';
let fixture: StoreFixture;
let pool: ReturnType<typeof fakeUserPool>;
let api: ReturnType<typeof accountsApi>;
let triggerFails: boolean;

const userEvents = async (userId: string) => (await fixture.store.readStream(`user#${userId}`)).events;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** Registers and signs in; the claims are what the gateway's authorizer would hand over for the access token. */
const signUpAndIn = async (email: string) => {
  expect((await callHttp(api.register, { body: { email, password } })).status).toBe(202);
  const login = await callHttp(api.login, { body: { email, password } });
  const sub = [...pool.users.values()].find((u) => u.email === email)?.sub ?? '';
  return { token: String(login.body?.accessToken), refreshToken: String(login.body?.refreshToken), user: { sub, groups: '' } };
};

beforeAll(async () => {
  fixture = await createStoreFixture();
});
afterAll(() => fixture.dispose());
beforeEach(() => {
  triggerFails = false;
  const trigger = registrationTrigger({ store: fixture.store, clock });
  pool = fakeUserPool({
    postConfirmation: async (user) => {
      if (triggerFails) throw new Error('trigger timed out');
      const event = { triggerSource: 'PostConfirmation_ConfirmSignUp', userName: user.sub, request: { userAttributes: { sub: user.sub, email: user.email } }, response: {} };
      return trigger(event, {} as never);
    },
  });
  api = accountsApi({ store: fixture.store, pool: pool.pool, clock });
});

describe('registration', () => {
  it('records the user once (the pool\'s trigger first), and answers a taken address exactly as a new one', async () => {
    const first = await callHttp(api.register, { body: { email: 'Ada@Example.com', password } });
    expect(first).toMatchObject({ status: 202, body: { status: 'accepted' } });
    const ada = pool.users.get('ada@example.com');
    expect((await userEvents(ada?.sub ?? '')).map((e) => [e.type, e.actor.id, e.data])).toEqual([['UserRegistered', 'cognito', { userId: ada?.sub, email: 'ada@example.com' }]]);
    expect(await callHttp(api.register, { body: { email: 'ada@example.com', password: 'Another-pass-77' } })).toEqual(first);
    expect(await userEvents(ada?.sub ?? '')).toHaveLength(1);
  });

  it('records the registration itself when the trigger failed, the user being confirmed all the same', async () => {
    triggerFails = true;
    expect((await callHttp(api.register, { body: { email: 'bo@example.com', password } })).status).toBe(202);
    const bo = pool.users.get('bo@example.com');
    expect(bo?.confirmed).toBe(true);
    expect((await userEvents(bo?.sub ?? '')).map((e) => [e.type, e.actor.id])).toEqual([['UserRegistered', bo?.sub]]);
  });

  it('answers 400 to a weak password or a malformed address, and records nothing', async () => {
    expect(await callHttp(api.register, { body: { email: 'weak@example.com', password: 'short' } })).toMatchObject({ status: 400, body: { error: 'weak_password' } });
    expect(await callHttp(api.register, { body: { email: 'not-an-address', password } })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(pool.users.has('weak@example.com')).toBe(false);
  });
});

describe('sessions', () => {
  it('signs in with a password or a refresh token; a wrong password and an unknown address read the same', async () => {
    const grace = await signUpAndIn('grace@example.com');
    const refreshed = await callHttp(api.login, { body: { refreshToken: grace.refreshToken } });
    expect(refreshed).toMatchObject({ status: 200, body: { tokenType: 'Bearer', refreshToken: grace.refreshToken, expiresIn: 900 } });
    expect(refreshed.headers['cache-control']).toBe('no-store');
    const wrong = await callHttp(api.login, { body: { email: 'grace@example.com', password: 'Wrong-password-1' } });
    const nobody = await callHttp(api.login, { body: { email: 'nobody@example.com', password: 'Wrong-password-1' } });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_credentials', message: 'wrong email or password' } });
    expect(nobody.body).toEqual(wrong.body);
  });

  it('tells the caller who they are, with roles and premium', async () => {
    const lin = await signUpAndIn('lin@example.com');
    const me = await callHttp(api.me, { user: lin.user, headers: bearer(lin.token) });
    expect(me).toMatchObject({ status: 200, body: { userId: lin.user.sub, email: 'lin@example.com', roles: ['viewer'], premium: { active: false, endsAt: null } } });
    expect((await callHttp(api.me, { user: lin.user })).status).toBe(401);
  });

  it('signs out for good, and signing out again, or with a token the pool never issued, is still 204 (never 500)', async () => {
    const kay = await signUpAndIn('kay@example.com');
    expect((await callHttp(api.logout, { user: kay.user, headers: bearer(kay.token) })).status).toBe(204);
    expect((await callHttp(api.me, { user: kay.user, headers: bearer(kay.token) })).status).toBe(401);
    expect((await callHttp(api.login, { body: { refreshToken: kay.refreshToken } })).status).toBe(401);
    expect((await callHttp(api.logout, { user: kay.user, headers: bearer(kay.token) })).status).toBe(204);
    expect((await callHttp(api.logout, { user: kay.user, headers: bearer('never-issued') })).status).toBe(204);
    expect((await callHttp(api.logout, { user: kay.user })).status).toBe(401);
    expect((await callHttp(api.logout, { headers: bearer(kay.token) })).status).toBe(401);
  });
});

describe('roles', () => {
  it('lets an admin grant and revoke a role: an event each, and the pool group follows', async () => {
    const lin = await signUpAndIn('ray@example.com');
    const admin = { sub: 'admin-1', groups: '[admin]' };
    const path = { userId: lin.user.sub, role: 'creator' };
    expect((await callHttp(api.grantRole, { path, user: lin.user })).status).toBe(403);
    expect(await callHttp(api.grantRole, { path, user: admin })).toMatchObject({ status: 200, body: { userId: lin.user.sub, roles: ['creator'] } });
    expect([...(pool.users.get('ray@example.com')?.groups ?? [])]).toEqual(['creator']);
    expect(await callHttp(api.revokeRole, { path, user: admin })).toMatchObject({ status: 200, body: { roles: [] } });
    expect([...(pool.users.get('ray@example.com')?.groups ?? [])]).toEqual([]);
    expect((await userEvents(lin.user.sub)).map((e) => [e.type, e.actor.id])).toEqual([['UserRegistered', 'cognito'], ['RoleGranted', 'admin-1'], ['RoleRevoked', 'admin-1']]);
    expect((await callHttp(api.grantRole, { path: { ...path, role: 'emperor' }, user: admin })).status).toBe(400);
  });
});
