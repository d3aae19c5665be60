import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import { logger } from '../runtime/logger';
import { signUpError } from './cognitoErrors';
import type { AccountsDeps } from './deps';
import { accountRoutes } from './routes';
import { sessionRoutes } from './sessions';
import { executeUserCommand, loadUser } from './users';

const accepted = () => json(202, { status: 'accepted', message: 'if this address was not registered yet, the account is ready: sign in with POST /auth/login' });

/** A failed Post confirmation trigger: the user is confirmed all the same, and the route records the registration. */
const isTriggerFailure = (error: unknown): boolean => error instanceof Error && (error.name === 'UserLambdaValidationException' || error.name === 'UnexpectedLambdaException');

/**
 * The account routes over their ports: each function's entry module (entries/) wires them to this container's user
 * pool and event store, tests to a user pool in memory and their own tables.
 */
export const accountsApi = (deps: AccountsDeps) => {
  const { store, pool, clock } = deps;

  /**
   * PUT /users/{userId}/roles/{role} grants, DELETE revokes (admins only). The event is the record; the Cognito group
   * is what reaches the user's tokens (cognito:groups) at their next sign-in or refresh. The group call runs even when
   * the event already exists, so a retry after a failed group call converges.
   */
  const changeRole = (kind: 'GrantRole' | 'RevokeRole') =>
    httpHandler({ ...(kind === 'GrantRole' ? accountRoutes.grantRole : accountRoutes.revokeRole), clock }, async ({ path: target, caller, requestId, now }) => {
      const adminId = caller?.userId ?? '';
      await executeUserCommand(store, { kind, userId: target.userId, role: target.role, by: adminId }, { commandId: requestId, correlationId: requestId, actor: { id: adminId, kind: 'user' }, now });
      await (kind === 'GrantRole' ? pool.addToGroup(target.userId, target.role) : pool.removeFromGroup(target.userId, target.role));
      const user = await loadUser(store, target.userId);
      return json(200, { userId: target.userId, roles: user.roles });
    });

  return {
    /**
     * POST /auth/register {email, password}. The answer is the same whether or not the address was taken, so the
     * route cannot be used to find out who has an account. The user pool checks the password policy and hashes it.
     */
    register: httpHandler({ ...accountRoutes.register, clock }, async ({ body, requestId, now }) => {
      const email = body.email.toLowerCase();
      let userSub: string;
      try {
        userSub = await pool.signUp(email, body.password);
      } catch (error) {
        if (error instanceof Error && error.name === 'UsernameExistsException') return accepted();
        throw signUpError(error);
      }
      // Email verification is not wired yet: the account is confirmed here so it can sign in at once. Confirming
      // runs the pool's Post confirmation trigger, which records the registration; if the trigger failed, the user is
      // confirmed all the same, and the append below (same command id, so at most one event) records it instead.
      await pool.confirm(email).catch((error: unknown) => {
        if (!isTriggerFailure(error)) throw error;
        logger.warn('the post confirmation trigger failed; recording the registration here', { userId: userSub, error: error instanceof Error ? error.name : String(error) });
      });
      await executeUserCommand(store, { kind: 'RegisterUser', userId: userSub, email }, { commandId: `register:${userSub}`, correlationId: requestId, actor: { id: userSub, kind: 'user' }, now });
      return accepted();
    }),
    ...sessionRoutes(deps),
    grantRole: changeRole('GrantRole'),
    revokeRole: changeRole('RevokeRole'),
  };
};
