import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';
import type { JsonProtocolService } from '../edge';
import type { LocalIssuer } from '../gateway/issuer';
import { adminUserOperations } from './adminUsers';
import { createLockout } from './lockout';
import { passwordProblem, userPoolPasswordPolicy, type PasswordPolicy } from './passwordPolicy';
import { fileUserStore } from './userStore';

export interface LocalCognitoOptions {
  readonly issuer: LocalIssuer;
  /** Keeps users under `<dataDir>/cognito/pool.json`; without it the pool lives in memory. */
  readonly dataDir?: string;
  readonly groups?: readonly string[];
  readonly passwordPolicy?: PasswordPolicy;
  /** Access and ID token lifetime: the app client's 15 minutes. */
  readonly tokenSeconds?: number;
  /** bcrypt cost; 10 is bcrypt's default. */
  readonly hashRounds?: number;
  /** The user pool's Lambda triggers, as Cognito invokes them (the pool's region and id go in their events). */
  readonly triggers?: { readonly postConfirmation?: (event: unknown) => Promise<unknown> };
  readonly userPool?: { readonly region: string; readonly id: string };
}

class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

const wrongCredentials = () => new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
const disabled = () => new CognitoError('NotAuthorizedException', 'User is disabled.');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const input = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new CognitoError('InvalidParameterException', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
};
const adminTarget = z.object({ UserPoolId: z.string(), Username: z.string().min(1) });
const groupTarget = adminTarget.extend({ GroupName: z.string().min(1) });

/**
 * Cognito's Identity Provider API as the handlers use it, on the AWS JSON protocol (X-Amz-Target
 * AWSCognitoIdentityProviderService.<Op>): sign-up, password and refresh sign-in, sign-out, token revocation and
 * groups. Passwords are bcrypt hashes; failed sign-ins lock a name out with growing delays; tokens are signed by
 * the local issuer the gateway's JWT authorizer trusts, with Cognito's claims (`cognito:groups`, `origin_jti`).
 */
export const createLocalCognito = (options: LocalCognitoOptions): JsonProtocolService => {
  const store = fileUserStore(options.dataDir === undefined ? undefined : join(options.dataDir, 'cognito', 'pool.json'));
  const groups = new Set(options.groups ?? ['viewer', 'creator', 'reviewer', 'admin', 'operator']);
  const tokenSeconds = options.tokenSeconds ?? 900;
  const rounds = options.hashRounds ?? 10;
  const lockout = createLockout();
  // Compared against when the name is unknown, so a sign-in takes as long whether or not the user exists.
  const decoyHash = bcrypt.hashSync(randomUUID(), rounds);
  const jwks = createLocalJWKSet(options.issuer.jwks());

  const userOf = (name: string) => {
    const user = store.find(name);
    if (user === undefined) throw new CognitoError('UserNotFoundException', 'User does not exist.');
    return user;
  };

  const tokensFor = async (sub: string, session: string) => {
    const user = userOf(sub);
    const common = { sub, groups: user.groups, expiresInSeconds: tokenSeconds, username: user.sub, extraClaims: { origin_jti: session } };
    return {
      AccessToken: await options.issuer.mint({ ...common, tokenUse: 'access' }),
      IdToken: await options.issuer.mint({ ...common, tokenUse: 'id', email: user.email }),
      ExpiresIn: tokenSeconds,
      TokenType: 'Bearer',
    };
  };

  /** A live session's access token: well signed, unexpired, and not signed out. */
  const verifiedAccess = async (token: string) => {
    const { payload } = await jwtVerify(token, jwks, { issuer: options.issuer.issuerUrl }).catch(() => {
      throw new CognitoError('NotAuthorizedException', 'Invalid Access Token');
    });
    const session = typeof payload.origin_jti === 'string' ? payload.origin_jti : '';
    if (payload.token_use !== 'access' || payload.sub === undefined || store.data.sessions[session] !== payload.sub)
      throw new CognitoError('NotAuthorizedException', 'Access Token has been revoked');
    return userOf(payload.sub);
  };

  // Disabling a user revokes their tokens; their refresh tokens are kept only to be refused with "User is disabled.".
  const endSessions = (sub: string) => {
    store.data.sessions = Object.fromEntries(Object.entries(store.data.sessions).filter(([, owner]) => owner !== sub));
  };

  const signOut = (sub: string) => {
    store.data.sessions = Object.fromEntries(Object.entries(store.data.sessions).filter(([, owner]) => owner !== sub));
    store.data.refreshTokens = Object.fromEntries(Object.entries(store.data.refreshTokens).filter(([, token]) => token.sub !== sub));
    store.save();
  };

  const passwordSignIn = async (username: string, password: string) => {
    const name = username.toLowerCase();
    if (lockout.locked(name)) throw new CognitoError('NotAuthorizedException', 'Password attempts exceeded');
    const user = store.find(name);
    const matches = await bcrypt.compare(password, user?.passwordHash ?? decoyHash);
    if (user === undefined || !matches) {
      lockout.failed(name);
      throw wrongCredentials();
    }
    if (!user.enabled) throw disabled();
    if (!user.confirmed) throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
    lockout.succeeded(name);
    const session = randomUUID();
    const refreshToken = randomBytes(48).toString('base64url');
    store.data.sessions[session] = user.sub;
    store.data.refreshTokens[sha256(refreshToken)] = { sub: user.sub, session };
    store.save();
    return { AuthenticationResult: { ...(await tokensFor(user.sub, session)), RefreshToken: refreshToken }, ChallengeParameters: {} };
  };

  const refreshSignIn = async (refreshToken: string) => {
    const stored = store.data.refreshTokens[sha256(refreshToken)];
    if (stored !== undefined && store.find(stored.sub)?.enabled === false) throw disabled();
    if (stored === undefined || store.data.sessions[stored.session] !== stored.sub) throw new CognitoError('NotAuthorizedException', 'Invalid Refresh Token');
    return { AuthenticationResult: await tokensFor(stored.sub, stored.session), ChallengeParameters: {} };
  };

  /**
   * Cognito runs the Post confirmation trigger once the user is confirmed, and reports its failure to the caller as
   * UserLambdaValidationException; the user stays confirmed.
   */
  const postConfirmation = async (user: { sub: string; username: string; email: string }, clientMetadata: Record<string, string> | undefined) => {
    const trigger = options.triggers?.postConfirmation;
    if (trigger === undefined) return;
    const event = {
      version: '1',
      region: options.userPool?.region ?? 'us-east-1',
      userPoolId: options.userPool?.id ?? 'local',
      userName: user.sub,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'CLIENT_ID_NOT_APPLICABLE' },
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      request: { userAttributes: { sub: user.sub, email: user.email, email_verified: 'true', 'cognito:user_status': 'CONFIRMED' }, ...(clientMetadata === undefined ? {} : { clientMetadata }) },
      response: {},
    };
    await trigger(event).catch((error: unknown) => {
      throw new CognitoError('UserLambdaValidationException', `PostConfirmation failed with error ${error instanceof Error ? error.message : String(error)}.`);
    });
  };

  const operations: Record<string, (body: unknown) => Promise<unknown>> = {
    SignUp: async (body) => {
      const { Username, Password } = input(z.object({ ClientId: z.string(), Username: z.string().min(1), Password: z.string() }), body);
      const email = Username.toLowerCase();
      if (!z.email().safeParse(email).success) throw new CognitoError('InvalidParameterException', 'Username should be an email.');
      const problem = passwordProblem(Password, options.passwordPolicy ?? userPoolPasswordPolicy);
      if (problem !== undefined) throw new CognitoError('InvalidPasswordException', problem);
      if (store.find(email) !== undefined) throw new CognitoError('UsernameExistsException', 'An account with the given email already exists.');
      const sub = randomUUID();
      store.data.users.push({ sub, username: email, email, passwordHash: await bcrypt.hash(Password, rounds), confirmed: false, groups: [], enabled: true });
      store.save();
      return { UserConfirmed: false, UserSub: sub };
    },
    AdminConfirmSignUp: async (body) => {
      const { ClientMetadata } = input(z.object({ ClientMetadata: z.record(z.string(), z.string()).optional() }), body);
      const user = userOf(input(adminTarget, body).Username);
      if (user.confirmed) return {};
      user.confirmed = true;
      store.save();
      await postConfirmation(user, ClientMetadata);
      return {};
    },
    InitiateAuth: async (body) => {
      const { AuthFlow, AuthParameters } = input(z.object({ AuthFlow: z.string(), ClientId: z.string(), AuthParameters: z.record(z.string(), z.string()) }), body);
      if (AuthFlow === 'USER_PASSWORD_AUTH') return passwordSignIn(AuthParameters.USERNAME ?? '', AuthParameters.PASSWORD ?? '');
      if (AuthFlow !== 'REFRESH_TOKEN_AUTH' && AuthFlow !== 'REFRESH_TOKEN') throw new CognitoError('InvalidParameterException', `AuthFlow ${AuthFlow} is not enabled for this client`);
      return refreshSignIn(AuthParameters.REFRESH_TOKEN ?? '');
    },
    GlobalSignOut: async (body) => {
      signOut((await verifiedAccess(input(z.object({ AccessToken: z.string() }), body).AccessToken)).sub);
      return {};
    },
    RevokeToken: async (body) => {
      const hash = sha256(input(z.object({ Token: z.string(), ClientId: z.string() }), body).Token);
      const stored = store.data.refreshTokens[hash];
      if (stored !== undefined) {
        store.data.sessions = Object.fromEntries(Object.entries(store.data.sessions).filter(([session]) => session !== stored.session));
        store.data.refreshTokens = Object.fromEntries(Object.entries(store.data.refreshTokens).filter(([key]) => key !== hash));
        store.save();
      }
      return {};
    },
    GetUser: async (body) => {
      const user = await verifiedAccess(input(z.object({ AccessToken: z.string() }), body).AccessToken);
      return { Username: user.sub, UserAttributes: [{ Name: 'sub', Value: user.sub }, { Name: 'email', Value: user.email }, { Name: 'email_verified', Value: 'true' }] };
    },
    // What the health function probes with. The local service is one pool (its other operations do not check the id either).
    DescribeUserPool: async (body) => {
      const { UserPoolId } = input(z.object({ UserPoolId: z.string().min(1) }), body);
      return { UserPool: { Id: UserPoolId, Name: UserPoolId, Status: 'Enabled' } };
    },
    AdminAddUserToGroup: async (body) => {
      const { Username, GroupName } = input(groupTarget, body);
      if (!groups.has(GroupName)) throw new CognitoError('ResourceNotFoundException', 'Group not found.');
      const user = userOf(Username);
      if (!user.groups.includes(GroupName)) user.groups.push(GroupName);
      store.save();
      return {};
    },
    AdminRemoveUserFromGroup: async (body) => {
      const { Username, GroupName } = input(groupTarget, body);
      const user = userOf(Username);
      user.groups = user.groups.filter((g) => g !== GroupName);
      store.save();
      return {};
    },
    AdminListGroupsForUser: async (body) => ({ Groups: userOf(input(adminTarget, body).Username).groups.map((GroupName) => ({ GroupName })) }),
    ...adminUserOperations({ users: () => store.data.users, userOf, save: store.save, endSessions, error: (type, message) => new CognitoError(type, message) }, input),
  };

  return {
    handle: async (operation, body) => {
      const run = operations[operation];
      if (run === undefined) return { status: 400, body: { __type: 'UnknownOperationException', message: `the local Cognito does not implement ${operation}` } };
      try {
        return { status: 200, body: await run(body) };
      } catch (error) {
        if (error instanceof CognitoError) return { status: 400, body: { __type: error.type, message: error.message } };
        throw error;
      }
    },
  };
};
