import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalIssuer } from '../gateway/issuer';
import { createLocalCognito } from './service';

const password = 'Correct-Horse-42';
let cognito: ReturnType<typeof createLocalCognito>;
const call = (operation: string, body: Record<string, unknown>) => cognito.handle(operation, { UserPoolId: 'local', ClientId: 'apps', ...body });
const signUp = async (email: string) => {
  const { body } = await call('SignUp', { Username: email, Password: password });
  await call('AdminConfirmSignUp', { Username: email });
  return (body as { UserSub: string }).UserSub;
};
const signIn = (email: string) => call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } });
const emailsOf = (answer: { body: unknown }) =>
  (answer.body as { Users: Array<{ Attributes: Array<{ Name: string; Value: string }> }> }).Users.map((u) => u.Attributes.find((a) => a.Name === 'email')?.Value);

beforeAll(async () => {
  const issuer = await createLocalIssuer({ dataDir: mkdtempSync(join(tmpdir(), 'cognito-admin-')) });
  cognito = createLocalCognito({ issuer, hashRounds: 4 });
  for (const email of ['ada@example.com', 'adam@example.com', 'bob@example.com']) await signUp(email);
});

describe('the local Cognito: ListUsers and disabling users, as Cognito answers', () => {
  it('filters on one attribute with = or ^=, pages by PaginationToken, and refuses a filter it cannot parse', async () => {
    expect(emailsOf(await call('ListUsers', { Filter: 'email ^= "ada"' }))).toEqual(['ada@example.com', 'adam@example.com']);
    expect(emailsOf(await call('ListUsers', { Filter: '"email" = "bob@example.com"' }))).toEqual(['bob@example.com']);
    expect(emailsOf(await call('ListUsers', { Filter: 'status = "Disabled"' }))).toEqual([]);
    const first = await call('ListUsers', { Limit: 2 });
    const token = (first.body as { PaginationToken?: string }).PaginationToken;
    expect(emailsOf(first)).toHaveLength(2);
    expect(emailsOf(await call('ListUsers', { Limit: 2, PaginationToken: token }))).toEqual(['bob@example.com']);
    expect(await call('ListUsers', { Filter: 'email ~ ada' })).toMatchObject({ status: 400, body: { __type: 'InvalidParameterException' } });
  });

  it('disables a user: sign-in and refresh are refused with "User is disabled.", their tokens revoked; enabling lets them sign in again', async () => {
    const sub = await signUp('cy@example.com');
    const signedIn = (await signIn('cy@example.com')).body as { AuthenticationResult: { AccessToken: string; RefreshToken: string } };
    expect(await call('AdminDisableUser', { Username: sub })).toEqual({ status: 200, body: {} });
    const refused = { status: 400, body: { __type: 'NotAuthorizedException', message: 'User is disabled.' } };
    expect(await signIn('cy@example.com')).toEqual(refused);
    expect(await call('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: signedIn.AuthenticationResult.RefreshToken } })).toEqual(refused);
    expect(await call('GetUser', { AccessToken: signedIn.AuthenticationResult.AccessToken })).toMatchObject({ status: 400, body: { __type: 'NotAuthorizedException' } });
    expect(await call('AdminGetUser', { Username: sub })).toMatchObject({ body: { Username: sub, Enabled: false, UserStatus: 'CONFIRMED' } });
    expect(emailsOf(await call('ListUsers', { Filter: 'status = "Disabled"' }))).toEqual(['cy@example.com']);
    await call('AdminEnableUser', { Username: sub });
    expect((await signIn('cy@example.com')).status).toBe(200);
    expect(await call('AdminDisableUser', { Username: 'nobody' })).toMatchObject({ status: 400, body: { __type: 'UserNotFoundException' } });
  });
});
