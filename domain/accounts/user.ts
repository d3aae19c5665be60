import * as z from 'zod';
import { accountContracts, roleSchema } from '../../events/accounts';
import type { DomainEventOf } from '../../events/contract';
import { createEventRegistry } from '../../events/createRegistry';
import { CommandRefusedError, type Decider } from '../decider';

export type Role = z.infer<typeof roleSchema>;
export type UserEvent = DomainEventOf<(typeof accountContracts)[number]>;
export const userEventRegistry = createEventRegistry(accountContracts);

export type UserCommand =
  | { readonly kind: 'RegisterUser'; readonly userId: string; readonly email: string }
  | { readonly kind: 'GrantRole'; readonly userId: string; readonly role: Role; readonly by: string }
  | { readonly kind: 'RevokeRole'; readonly userId: string; readonly role: Role; readonly by: string }
  | { readonly kind: 'DisableUser'; readonly userId: string; readonly by: string }
  | { readonly kind: 'EnableUser'; readonly userId: string; readonly by: string };

/** `enabled` defaults to true: a snapshot from before users could be disabled reads as enabled, which it was. */
export const userStateSchema = z.strictObject({ userId: z.string().nullable(), email: z.string().nullable(), roles: z.array(roleSchema), enabled: z.boolean().default(true) });
export type UserState = z.infer<typeof userStateSchema>;
export const initialUserState: UserState = { userId: null, email: null, roles: [], enabled: true };

/** User streams are `user#<sub>`, keyed by the Cognito subject every token carries. */
export const userStreamId = (userId: string): string => `user#${userId}`;

type AdminCommand = Exclude<UserCommand, { kind: 'RegisterUser' }>;

const refuseUnknownUser = (command: AdminCommand, state: UserState): void => {
  if (state.userId === null) throw new CommandRefusedError('USER_NOT_FOUND', `no user ${command.userId} has registered`);
};

const revokeRole = (command: Extract<UserCommand, { kind: 'RevokeRole' }>, state: UserState): UserEvent[] => {
  refuseUnknownUser(command, state);
  // Without this, an admin could lock every admin out, the last one included.
  if (command.role === 'admin' && command.userId === command.by) throw new CommandRefusedError('CANNOT_REVOKE_OWN_ADMIN', 'ask another admin to take your admin role away');
  if (!state.roles.includes(command.role)) return [];
  return [{ type: 'RoleRevoked', data: { userId: command.userId, role: command.role, revokedBy: command.by } }];
};

const disableUser = (command: Extract<UserCommand, { kind: 'DisableUser' }>, state: UserState): UserEvent[] => {
  refuseUnknownUser(command, state);
  // As with the admin role: an admin who disabled themselves could not sign in to undo it.
  if (command.userId === command.by) throw new CommandRefusedError('CANNOT_DISABLE_SELF', 'ask another admin to disable your account');
  if (!state.enabled) return [];
  return [{ type: 'UserDisabled', data: { userId: command.userId, disabledBy: command.by } }];
};

const enableUser = (command: Extract<UserCommand, { kind: 'EnableUser' }>, state: UserState): UserEvent[] => {
  refuseUnknownUser(command, state);
  if (state.enabled) return [];
  return [{ type: 'UserEnabled', data: { userId: command.userId, enabledBy: command.by } }];
};

const decide = (command: UserCommand, state: UserState): UserEvent[] => {
  switch (command.kind) {
    case 'RegisterUser':
      if (state.userId !== null) return []; // a retried registration
      return [{ type: 'UserRegistered', data: { userId: command.userId, email: command.email } }];
    case 'GrantRole':
      refuseUnknownUser(command, state);
      if (state.roles.includes(command.role)) return [];
      return [{ type: 'RoleGranted', data: { userId: command.userId, role: command.role, grantedBy: command.by } }];
    case 'RevokeRole':
      return revokeRole(command, state);
    case 'DisableUser':
      return disableUser(command, state);
    case 'EnableUser':
      return enableUser(command, state);
  }
};

const evolve = (state: UserState, event: UserEvent): UserState => {
  switch (event.type) {
    case 'UserRegistered':
      return { ...state, userId: event.data.userId, email: event.data.email };
    case 'RoleGranted':
      return { ...state, roles: [...state.roles.filter((r) => r !== event.data.role), event.data.role] };
    case 'RoleRevoked':
      return { ...state, roles: state.roles.filter((r) => r !== event.data.role) };
    case 'UserDisabled':
      return { ...state, enabled: false };
    case 'UserEnabled':
      return { ...state, enabled: true };
  }
};

export const userDecider: Decider<UserCommand, UserEvent, UserState> = { decide, evolve, initialState: initialUserState };
