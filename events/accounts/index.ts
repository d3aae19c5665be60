import * as z from 'zod';
import { defineEvent, upcastFrom } from '../contract';

/** The ids Cognito gives users (`sub`); locally the same form. */
export const userIdSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, "-" and "_" only');
/**
 * Showrunner's roles: Cognito groups of the user pool (functions/accounts/resources.yml). Add, never rename.
 * `operator`: watches over the platform (dashboards, alerts, what needs a hand) without changing it; admins change.
 */
export const roleSchema = z.enum(['viewer', 'creator', 'reviewer', 'admin', 'operator']);

export const userRegistered = defineEvent({
  type: 'UserRegistered',
  context: 'accounts',
  schemaVersion: 1,
  description: 'A person signed up; userId is the Cognito `sub` every token of theirs carries.',
  schema: z.strictObject({ userId: userIdSchema, email: z.email().max(254) }),
});

/** The roles of version 1 of RoleGranted and RoleRevoked, frozen: every one of them is a role of version 2. */
const v1RoleSchema = z.enum(['viewer', 'creator', 'reviewer', 'admin']);

export const roleGranted = defineEvent({
  type: 'RoleGranted',
  context: 'accounts',
  // 2: the operator role.
  schemaVersion: 2,
  description: 'An admin gave a user a role; it reaches the user\'s tokens (cognito:groups) at their next sign-in or refresh.',
  schema: z.strictObject({ userId: userIdSchema, role: roleSchema, grantedBy: z.string().min(1) }),
  upcasters: [upcastFrom(1, z.strictObject({ userId: userIdSchema, role: v1RoleSchema, grantedBy: z.string().min(1) }), (v1) => v1)],
});

export const roleRevoked = defineEvent({
  type: 'RoleRevoked',
  context: 'accounts',
  // 2: the operator role.
  schemaVersion: 2,
  description: 'An admin took a role away from a user.',
  schema: z.strictObject({ userId: userIdSchema, role: roleSchema, revokedBy: z.string().min(1) }),
  upcasters: [upcastFrom(1, z.strictObject({ userId: userIdSchema, role: v1RoleSchema, revokedBy: z.string().min(1) }), (v1) => v1)],
});

export const userDisabled = defineEvent({
  type: 'UserDisabled',
  context: 'accounts',
  schemaVersion: 1,
  description: 'An admin disabled a user: the user pool refuses their sign-in and token refresh until an admin enables them again.',
  schema: z.strictObject({ userId: userIdSchema, disabledBy: z.string().min(1) }),
});

export const userEnabled = defineEvent({
  type: 'UserEnabled',
  context: 'accounts',
  schemaVersion: 1,
  description: 'An admin enabled a disabled user again: they can sign in.',
  schema: z.strictObject({ userId: userIdSchema, enabledBy: z.string().min(1) }),
});

export const accountContracts = [userRegistered, roleGranted, roleRevoked, userDisabled, userEnabled] as const;
