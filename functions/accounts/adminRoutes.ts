import * as z from 'zod';
import { roleSchema, userIdSchema } from '../../events/accounts';
import { route } from '../http/route';

const tag = 'Accounts';

export const userSearchQuerySchema = z.strictObject({
  email: z.string().trim().min(1).max(254).describe('the start of the address (case does not matter): `ada` finds ada@example.com and adam@example.org'),
  limit: z.coerce.number().int().min(1).max(60).default(20).describe('users per page, 1 to 60 (default 20)'),
  cursor: z.string().min(1).max(4096).optional().describe('`nextCursor` of the previous page; leave it out for the first page'),
});
export const userPathSchema = z.strictObject({ userId: userIdSchema });

export const adminUserSchema = z.strictObject({
  userId: z.string(),
  email: z.string().nullable(),
  roles: z.array(roleSchema).describe('the roles granted (every signed-in user may also view)'),
  enabled: z.boolean().describe('false: the user cannot sign in, nor refresh their tokens'),
});

const noSuchUser = { description: 'no such user' };

/** Admins' view of users: find by email, disable and enable (roles: PUT/DELETE /users/{userId}/roles/{role}). */
export const adminUserRoutes = {
  findUsers: route({
    routeKey: 'GET /users', operationId: 'findUsers', tag, access: { roles: ['admin'] }, query: userSearchQuerySchema,
    summary: 'Find users by the start of their email address (admins)',
    description: 'One page of the user pool\'s users whose address starts with `email`, with their roles and whether they may sign in.',
    responses: {
      200: {
        description: 'the users found, in the user pool\'s order',
        schema: z.strictObject({ items: z.array(adminUserSchema), nextCursor: z.string().nullable().describe('null on the last page; otherwise send it back as `cursor`') }),
      },
    },
  }),
  disableUser: route({
    routeKey: 'POST /users/{userId}/disable', operationId: 'disableUser', tag, access: { roles: ['admin'] }, path: userPathSchema,
    summary: 'Disable a user (admins): they can no longer sign in, and their sessions end',
    description: 'Recorded as UserDisabled on the user\'s stream; disabling a disabled user changes nothing. An admin cannot disable themselves.',
    responses: { 200: { description: 'the user now', schema: adminUserSchema }, 404: noSuchUser, 409: { description: 'the change is refused (you cannot disable yourself)' } },
  }),
  enableUser: route({
    routeKey: 'POST /users/{userId}/enable', operationId: 'enableUser', tag, access: { roles: ['admin'] }, path: userPathSchema,
    summary: 'Enable a disabled user again (admins): they can sign in',
    description: 'Recorded as UserEnabled on the user\'s stream; enabling an enabled user changes nothing.',
    responses: { 200: { description: 'the user now', schema: adminUserSchema }, 404: noSuchUser },
  }),
};
