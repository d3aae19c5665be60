import { randomUUID } from 'node:crypto';
import type { UserPool } from '../userPool';

/** An error as the Cognito SDK throws it: the exception's name is what callers tell failures apart by. */
const cognitoError = (name: string, message: string) => Object.assign(new Error(message), { name });
const refused = () => cognitoError('NotAuthorizedException', 'Access Token has been revoked');

interface FakeUser {
  readonly sub: string;
  readonly email: string;
  readonly password: string;
  confirmed: boolean;
  enabled: boolean;
  readonly groups: Set<string>;
}

/**
 * A user pool in memory with Cognito's rules as the account routes meet them: a 12-character password policy, one
 * account per address, sign-in only once confirmed, tokens refused once signed out, and the Post confirmation
 * trigger run on confirmation (its failure surfacing as UserLambdaValidationException, the user confirmed all the same).
 */
export const fakeUserPool = (options: { postConfirmation?: (user: { sub: string; email: string }) => Promise<unknown> } = {}) => {
  const users = new Map<string, FakeUser>();
  const sessions = new Map<string, string>();
  const refreshTokens = new Map<string, string>();
  let issued = 0;
  const bySub = (sub: string) => [...users.values()].find((u) => u.sub === sub);
  const tokensFor = (sub: string) => {
    issued += 1;
    sessions.set(`access-${issued}`, sub);
    return { accessToken: `access-${issued}`, idToken: `id-${issued}`, expiresIn: 900 };
  };
  const pool: UserPool = {
    signUp: async (email, password) => {
      if (password.length < 12) throw cognitoError('InvalidPasswordException', 'Password did not conform with policy: Password not long enough');
      if (users.has(email)) throw cognitoError('UsernameExistsException', 'An account with the given email already exists.');
      const user = { sub: randomUUID(), email, password, confirmed: false, enabled: true, groups: new Set<string>() };
      users.set(email, user);
      return user.sub;
    },
    confirm: async (email) => {
      const user = users.get(email);
      if (user === undefined) throw cognitoError('UserNotFoundException', 'User does not exist.');
      user.confirmed = true;
      await options.postConfirmation?.(user).catch((error: unknown) => {
        throw cognitoError('UserLambdaValidationException', `PostConfirmation failed with error ${String(error)}.`);
      });
    },
    signIn: async (input) => {
      if ('refreshToken' in input) {
        const sub = refreshTokens.get(input.refreshToken);
        if (sub === undefined) throw cognitoError('NotAuthorizedException', 'Invalid Refresh Token');
        if (bySub(sub)?.enabled === false) throw cognitoError('NotAuthorizedException', 'User is disabled.');
        return { tokens: tokensFor(sub) };
      }
      const user = users.get(input.email);
      if (user?.password !== input.password || !user.confirmed) throw cognitoError('NotAuthorizedException', 'Incorrect username or password.');
      if (!user.enabled) throw cognitoError('NotAuthorizedException', 'User is disabled.');
      const refreshToken = `refresh-${issued + 1}`;
      refreshTokens.set(refreshToken, user.sub);
      return { tokens: { ...tokensFor(user.sub), refreshToken } };
    },
    signOut: async (accessToken) => {
      const sub = sessions.get(accessToken);
      if (sub === undefined) throw refused();
      for (const tokens of [sessions, refreshTokens]) for (const [token, owner] of tokens) if (owner === sub) tokens.delete(token);
    },
    emailOf: async (accessToken) => {
      const sub = sessions.get(accessToken);
      if (sub === undefined) throw refused();
      return bySub(sub)?.email;
    },
    addToGroup: async (userId, role) => void bySub(userId)?.groups.add(role),
    removeFromGroup: async (userId, role) => void bySub(userId)?.groups.delete(role),
    findByEmail: async (prefix, page) => {
      const found = [...users.values()].filter((u) => u.email.startsWith(prefix));
      const start = Number(page.next ?? 0);
      const next = start + page.limit < found.length ? String(start + page.limit) : undefined;
      return { users: found.slice(start, start + page.limit).map((u) => ({ userId: u.sub, email: u.email, enabled: u.enabled })), ...(next === undefined ? {} : { next }) };
    },
    disable: async (userId) => {
      const user = bySub(userId);
      if (user === undefined) throw cognitoError('UserNotFoundException', 'User does not exist.');
      user.enabled = false;
      for (const [token, owner] of sessions) if (owner === userId) sessions.delete(token);
    },
    enable: async (userId) => {
      const user = bySub(userId);
      if (user === undefined) throw cognitoError('UserNotFoundException', 'User does not exist.');
      user.enabled = true;
    },
  };
  return { pool, users };
};
