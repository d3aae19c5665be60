import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '../http/caller';

export type SignIn = { readonly email: string; readonly password: string } | { readonly refreshToken: string };

export interface SignedIn {
  readonly tokens?: { readonly accessToken: string; readonly idToken?: string; readonly refreshToken?: string; readonly expiresIn?: number };
  /** A further step the pool asks for (MFA, a new password) instead of tokens. */
  readonly challenge?: string;
}

/** A user as the pool holds them: whether they may sign in is the pool's to say (AdminDisableUser). */
export interface PoolUser {
  readonly userId: string;
  readonly email: string | null;
  readonly enabled: boolean;
}

export interface PoolUsersPage {
  readonly users: PoolUser[];
  /** Cognito's PaginationToken, for the next page; undefined on the last one. */
  readonly next?: string;
}

/**
 * The user pool port: what the account routes ask of Cognito. Failures are Cognito's own exceptions, told apart by
 * their name (NotAuthorizedException, UsernameExistsException, ...), which is what the routes map to answers.
 */
export interface UserPool {
  /** Creates an unconfirmed user; answers its sub. */
  signUp(email: string, password: string): Promise<string>;
  /** Confirms the user, which runs the pool's Post confirmation trigger. */
  confirm(email: string): Promise<void>;
  signIn(input: SignIn): Promise<SignedIn>;
  /** Ends every session of the token's user. */
  signOut(accessToken: string): Promise<void>;
  /** The email of the token's user, asked of the pool: a signed-out token is refused here at once. */
  emailOf(accessToken: string): Promise<string | undefined>;
  addToGroup(userId: string, role: Role): Promise<void>;
  removeFromGroup(userId: string, role: Role): Promise<void>;
  /** Users whose email starts with `prefix` (Cognito's ListUsers `email ^= "..."`), a page at a time. */
  findByEmail(prefix: string, page: { readonly limit: number; readonly next?: string | undefined }): Promise<PoolUsersPage>;
  /** Disabled users cannot sign in or refresh; Cognito revokes their tokens. */
  disable(userId: string): Promise<void>;
  enable(userId: string): Promise<void>;
}

const poolUserOf = (user: UserType): PoolUser => ({
  userId: user.Attributes?.find((a) => a.Name === 'sub')?.Value ?? user.Username ?? '',
  email: user.Attributes?.find((a) => a.Name === 'email')?.Value ?? null,
  enabled: user.Enabled ?? true,
});

/** A filter value inside Cognito's quotes: a quote or backslash in it is escaped with a backslash. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/**
 * The user pool on Cognito's API. On AWS the SDK reaches Cognito; locally AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER
 * points it at the local Cognito, which speaks the same protocol, so this is the same code on both.
 */
export const cognitoUserPool = (client: CognitoIdentityProviderClient, pool: { userPoolId: string; clientId: string }): UserPool => ({
  signUp: async (email, password) =>
    (await client.send(new SignUpCommand({ ClientId: pool.clientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] }))).UserSub ?? '',
  confirm: async (email) => void (await client.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.userPoolId, Username: email }))),
  signIn: async (input) => {
    const command =
      'refreshToken' in input
        ? new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: input.refreshToken } })
        : new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: input.email, PASSWORD: input.password } });
    const result = await client.send(command);
    const tokens = result.AuthenticationResult;
    if (tokens?.AccessToken === undefined) return { challenge: result.ChallengeName ?? 'unknown' };
    return { tokens: { accessToken: tokens.AccessToken, idToken: tokens.IdToken, refreshToken: tokens.RefreshToken, expiresIn: tokens.ExpiresIn } };
  },
  signOut: async (accessToken) => void (await client.send(new GlobalSignOutCommand({ AccessToken: accessToken }))),
  emailOf: async (accessToken) => (await client.send(new GetUserCommand({ AccessToken: accessToken }))).UserAttributes?.find((a) => a.Name === 'email')?.Value,
  addToGroup: async (userId, role) => void (await client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.userPoolId, Username: userId, GroupName: role }))),
  removeFromGroup: async (userId, role) => void (await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: pool.userPoolId, Username: userId, GroupName: role }))),
  findByEmail: async (prefix, page) => {
    const found = await client.send(new ListUsersCommand({ UserPoolId: pool.userPoolId, Filter: `email ^= ${quoted(prefix)}`, Limit: page.limit, PaginationToken: page.next }));
    return { users: (found.Users ?? []).map(poolUserOf), ...(found.PaginationToken === undefined ? {} : { next: found.PaginationToken }) };
  },
  disable: async (userId) => void (await client.send(new AdminDisableUserCommand({ UserPoolId: pool.userPoolId, Username: userId }))),
  enable: async (userId) => void (await client.send(new AdminEnableUserCommand({ UserPoolId: pool.userPoolId, Username: userId }))),
});
