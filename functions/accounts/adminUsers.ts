import { HttpError, notFound } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import { adminUserRoutes } from './adminRoutes';
import type { AccountsDeps } from './deps';
import type { PoolUser } from './userPool';
import { executeUserCommand, loadUser } from './users';

const isCognito = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

/**
 * Admins' user routes. Who may sign in is the user pool's to enforce (AdminDisableUser), so `enabled` is read from
 * the pool; roles from the user's stream, the record the role routes write. Each change is an event first, then the
 * pool call, which runs even when the event already exists, so a retry after a failed pool call converges.
 */
export const adminUsersApi = ({ store, pool, clock }: AccountsDeps) => {
  const withRoles = async (user: PoolUser) => ({ userId: user.userId, email: user.email, roles: (await loadUser(store, user.userId)).roles, enabled: user.enabled });

  const change = (kind: 'DisableUser' | 'EnableUser') =>
    httpHandler({ ...(kind === 'DisableUser' ? adminUserRoutes.disableUser : adminUserRoutes.enableUser), clock }, async ({ path, caller, requestId, now }) => {
      const adminId = caller?.userId ?? '';
      await executeUserCommand(store, { kind, userId: path.userId, by: adminId }, { commandId: requestId, correlationId: requestId, actor: { id: adminId, kind: 'user' }, now });
      await (kind === 'DisableUser' ? pool.disable(path.userId) : pool.enable(path.userId)).catch((error: unknown) => {
        throw isCognito(error, 'UserNotFoundException') ? notFound(`user ${path.userId}`) : error;
      });
      const user = await loadUser(store, path.userId);
      return json(200, { userId: path.userId, email: user.email, roles: user.roles, enabled: user.enabled }, { 'cache-control': 'no-store' });
    });

  return {
    /** GET /users?email=: Cognito's ListUsers with `email ^= "..."`, so finding a user is never a scan of our own. */
    findUsers: httpHandler({ ...adminUserRoutes.findUsers, clock }, async ({ query }) => {
      const page = await pool.findByEmail(query.email.toLowerCase(), { limit: query.limit, next: query.cursor }).catch((error: unknown) => {
        throw isCognito(error, 'InvalidParameterException') ? new HttpError(400, 'invalid_cursor', 'the cursor is not one this search gave: search again from the first page') : error;
      });
      const items = await Promise.all(page.users.map(withRoles));
      return json(200, { items, nextCursor: page.next ?? null }, { 'cache-control': 'no-store' });
    }),
    disableUser: change('DisableUser'),
    enableUser: change('EnableUser'),
  };
};
