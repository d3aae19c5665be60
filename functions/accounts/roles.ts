import { AdminAddUserToGroupCommand, AdminRemoveUserFromGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { roleSchema, userIdSchema } from '../../events/accounts';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import { eventStore } from '../runtime/eventStore';
import { userPool } from './cognito';
import { executeUserCommand, loadUser } from './users';

userPool();

const path = z.object({ userId: userIdSchema, role: roleSchema });

/**
 * PUT /users/{userId}/roles/{role} grants, DELETE revokes (admins only). The event is the record; the Cognito group
 * is what reaches the user's tokens (cognito:groups) at their next sign-in or refresh. The group call runs even when
 * the event already exists, so a retry after a failed group call converges.
 */
const change = (kind: 'GrantRole' | 'RevokeRole') =>
  httpHandler({ path, access: { roles: ['admin'] } }, async ({ path: target, caller, requestId, now }) => {
    const adminId = caller?.userId ?? '';
    const store = eventStore();
    await executeUserCommand(store, { kind, userId: target.userId, role: target.role, by: adminId }, {
      commandId: requestId,
      correlationId: requestId,
      actor: { id: adminId, kind: 'user' },
      now,
    });
    const { client, userPoolId } = userPool();
    const group = { UserPoolId: userPoolId, Username: target.userId, GroupName: target.role };
    await client.send(kind === 'GrantRole' ? new AdminAddUserToGroupCommand(group) : new AdminRemoveUserFromGroupCommand(group));
    const user = await loadUser(store, target.userId);
    return json(200, { userId: target.userId, roles: user.roles });
  });

export const grant = change('GrantRole');
export const revoke = change('RevokeRole');
