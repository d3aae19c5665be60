import * as z from 'zod';
import { roleSchema, userIdSchema } from '../../events/accounts';
import { route } from '../http/route';

const tag = 'Accounts';
const credentials = z.strictObject({ email: z.email().max(254), password: z.string().min(1).max(256) });

export const registerBodySchema = credentials;
export const loginBodySchema = z.union([credentials, z.strictObject({ refreshToken: z.string().min(1).max(8192) })]);
export const rolePathSchema = z.strictObject({ userId: userIdSchema, role: roleSchema });

const tokensSchema = z.strictObject({
  accessToken: z.string().describe('send this one as `Authorization: Bearer <accessToken>`: it carries your roles (cognito:groups)'),
  idToken: z.string().optional(),
  refreshToken: z.string().optional(),
  expiresIn: z.number().int().optional().describe('seconds until the access and ID tokens expire'),
  tokenType: z.literal('Bearer'),
});
const userRolesSchema = z.strictObject({ userId: z.string(), roles: z.array(roleSchema) });
const tooMany = { description: 'too many attempts: wait a little and try again' };
const roleChange = {
  description: 'the user\'s roles now; they reach the user\'s tokens (cognito:groups) at their next sign-in or token refresh',
  schema: userRolesSchema,
};

/** Sign-up, sign-in, sign-out, who am I, and roles (admins). */
export const accountRoutes = {
  register: route({
    routeKey: 'POST /auth/register', operationId: 'register', tag, access: 'public', body: registerBodySchema,
    summary: 'Create an account (email and password)',
    description: 'The answer is the same whether or not the address was registered already, so the route does not tell who has an account.',
    bodyExample: { email: 'ada@example.com', password: 'correct horse battery staple' },
    responses: {
      202: { description: 'accepted: sign in with POST /auth/login', schema: z.strictObject({ status: z.literal('accepted'), message: z.string() }) },
      429: tooMany,
    },
  }),
  login: route({
    routeKey: 'POST /auth/login', operationId: 'login', tag, access: 'public', body: loginBodySchema,
    summary: 'Sign in with email and password, or get fresh tokens with a refresh token',
    bodyExample: { email: 'ada@example.com', password: 'correct horse battery staple' },
    responses: {
      200: { description: 'tokens; they live 15 minutes', schema: tokensSchema },
      401: { description: 'wrong email or password' },
      403: { description: 'the account is disabled: an admin can enable it' },
      429: tooMany,
    },
  }),
  logout: route({
    routeKey: 'POST /auth/logout', operationId: 'logout', tag, access: { roles: [] },
    summary: 'Sign out everywhere: refresh tokens stop working at once, access tokens within 15 minutes',
    responses: { 204: { description: 'signed out (also for a token that was already signed out)' } },
  }),
  me: route({
    routeKey: 'GET /me', operationId: 'me', tag, access: { roles: [] },
    summary: 'Who the caller is: email, roles and premium',
    responses: {
      200: {
        description: 'the caller',
        schema: z.strictObject({ userId: z.string(), email: z.string().nullable(), roles: z.array(roleSchema), premium: z.strictObject({ active: z.boolean(), endsAt: z.string().nullable() }) }),
      },
    },
  }),
  grantRole: route({
    routeKey: 'PUT /users/{userId}/roles/{role}', operationId: 'grantRole', tag, access: { roles: ['admin'] }, path: rolePathSchema,
    summary: 'Grant a role to a user (admins)',
    responses: { 200: roleChange, 404: { description: 'no such user' }, 409: { description: 'the user refuses the change' } },
  }),
  revokeRole: route({
    routeKey: 'DELETE /users/{userId}/roles/{role}', operationId: 'revokeRole', tag, access: { roles: ['admin'] }, path: rolePathSchema,
    summary: 'Revoke a role from a user (admins)',
    responses: { 200: roleChange, 404: { description: 'no such user' }, 409: { description: 'the user refuses the change' } },
  }),
};
