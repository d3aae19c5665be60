import { z } from 'zod';
import type { PoolUser } from './userStore';

/** What the admin user operations need of the pool: its users, by name, and a way to end a user's sessions. */
export interface AdminUserPool {
  readonly users: () => PoolUser[];
  readonly userOf: (name: string) => PoolUser;
  readonly save: () => void;
  /** Revokes the user's access tokens (their sessions). */
  readonly endSessions: (sub: string) => void;
  readonly error: (type: string, message: string) => Error;
}

const adminTarget = z.object({ UserPoolId: z.string(), Username: z.string().min(1) });

/** The attributes ListUsers can filter on, as Cognito names them, and each one's value for a user. */
const searchable: Record<string, (user: PoolUser) => string> = {
  username: (user) => user.sub,
  sub: (user) => user.sub,
  email: (user) => user.email,
  'cognito:user_status': (user) => (user.confirmed ? 'CONFIRMED' : 'UNCONFIRMED'),
  status: (user) => (user.enabled ? 'Enabled' : 'Disabled'),
};

/** `email ^= "ada"`: an attribute (optionally in quotes), `=` or `^=`, and a value in quotes (`\"` escapes one). */
const filterPattern = /^\s*"?([\w:]+)"?\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

const parseFilter = (filter: string, pool: AdminUserPool): ((user: PoolUser) => boolean) => {
  if (filter.trim() === '') return () => true;
  const match = filterPattern.exec(filter);
  const read = match === null ? undefined : searchable[match[1] ?? ''];
  if (match === null || read === undefined) throw pool.error('InvalidParameterException', 'Error while parsing filter.');
  const value = (match[3] ?? '').replace(/\\(.)/g, '$1');
  return match[2] === '^=' ? (user) => read(user).startsWith(value) : (user) => read(user) === value;
};

/** A user as ListUsers and AdminGetUser describe one. */
const describe = (user: PoolUser) => ({
  Username: user.sub,
  Attributes: [
    { Name: 'sub', Value: user.sub },
    { Name: 'email', Value: user.email },
    { Name: 'email_verified', Value: 'true' },
  ],
  Enabled: user.enabled,
  UserStatus: user.confirmed ? 'CONFIRMED' : 'UNCONFIRMED',
});

const listInput = z.object({
  UserPoolId: z.string(),
  Filter: z.string().optional(),
  Limit: z.number().int().min(0).max(60).optional(),
  PaginationToken: z.string().optional(),
});

/**
 * Cognito's admin operations on users: ListUsers with its Filter (one attribute, `=` or `^=`, at most 60 a page and a
 * PaginationToken), AdminGetUser, and AdminDisableUser / AdminEnableUser. Disabling revokes the user's sessions, as
 * Cognito revokes their tokens; sign-in and refresh are then refused (service.ts).
 */
export const adminUserOperations = (pool: AdminUserPool, parse: <T>(schema: z.ZodType<T>, body: unknown) => T): Record<string, (body: unknown) => Promise<unknown>> => ({
  ListUsers: async (body) => {
    const request = parse(listInput, body);
    const matches = pool.users().filter(parseFilter(request.Filter ?? '', pool));
    const start = request.PaginationToken === undefined ? 0 : Number.parseInt(Buffer.from(request.PaginationToken, 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(start) || start < 0) throw pool.error('InvalidParameterException', 'Invalid pagination token.');
    const limit = request.Limit === undefined || request.Limit === 0 ? 60 : request.Limit;
    const page = matches.slice(start, start + limit);
    const next = start + limit < matches.length ? Buffer.from(String(start + limit)).toString('base64url') : undefined;
    return { Users: page.map(describe), ...(next === undefined ? {} : { PaginationToken: next }) };
  },
  AdminGetUser: async (body) => {
    const user = pool.userOf(parse(adminTarget, body).Username);
    const { Attributes, ...rest } = describe(user);
    return { ...rest, UserAttributes: Attributes };
  },
  AdminDisableUser: async (body) => {
    const user = pool.userOf(parse(adminTarget, body).Username);
    user.enabled = false;
    pool.endSessions(user.sub);
    pool.save();
    return {};
  },
  AdminEnableUser: async (body) => {
    const user = pool.userOf(parse(adminTarget, body).Username);
    user.enabled = true;
    pool.save();
    return {};
  },
});
