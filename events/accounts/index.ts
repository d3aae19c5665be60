import * as z from 'zod';
import { defineEvent } from '../contract';

/** The ids Cognito gives users (`sub`); locally the same form. */
export const userIdSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, "-" and "_" only');
/** Showrunner's roles: Cognito groups of the user pool (functions/accounts/resources.yml). Add, never rename. */
export const roleSchema = z.enum(['viewer', 'creator', 'reviewer', 'admin']);

export const userRegistered = defineEvent({
  type: 'UserRegistered',
  context: 'accounts',
  schemaVersion: 1,
  description: 'A person signed up; userId is the Cognito `sub` every token of theirs carries.',
  schema: z.strictObject({ userId: userIdSchema, email: z.email().max(254) }),
});

export const roleGranted = defineEvent({
  type: 'RoleGranted',
  context: 'accounts',
  schemaVersion: 1,
  description: 'An admin gave a user a role; it reaches the user\'s tokens (cognito:groups) at their next sign-in or refresh.',
  schema: z.strictObject({ userId: userIdSchema, role: roleSchema, grantedBy: z.string().min(1) }),
});

export const roleRevoked = defineEvent({
  type: 'RoleRevoked',
  context: 'accounts',
  schemaVersion: 1,
  description: 'An admin took a role away from a user.',
  schema: z.strictObject({ userId: userIdSchema, role: roleSchema, revokedBy: z.string().min(1) }),
});

export const accountContracts = [userRegistered, roleGranted, roleRevoked] as const;
