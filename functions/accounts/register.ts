import { AdminConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { httpHandler } from '../http/httpHandler';
import { logger } from '../runtime/logger';
import { json } from '../http/response';
import { eventStore } from '../runtime/eventStore';
import { userPool } from './cognito';
import { signUpError } from './cognitoErrors';
import { executeUserCommand } from './users';

userPool();

const accepted = () =>
  json(202, { status: 'accepted', message: 'if this address was not registered yet, the account is ready: sign in with POST /auth/login' });

/**
 * POST /auth/register {email, password}. The answer is the same whether or not the address was taken, so the
 * route cannot be used to find out who has an account. The user pool checks the password policy and hashes it.
 */
export const handler = httpHandler(
  { body: z.strictObject({ email: z.email().max(254), password: z.string().min(1).max(256) }), access: 'public' },
  async ({ body, requestId, now }) => {
    const { client, clientId, userPoolId } = userPool();
    const email = body.email.toLowerCase();
    let userSub: string;
    try {
      userSub = (await client.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: body.password, UserAttributes: [{ Name: 'email', Value: email }] }))).UserSub ?? '';
    } catch (error) {
      if (error instanceof Error && error.name === 'UsernameExistsException') return accepted();
      throw signUpError(error);
    }
    // Email verification is not wired yet: the account is confirmed here so it can sign in at once. Confirming
    // runs the pool's Post confirmation trigger, which records the registration; if the trigger failed, the user is
    // confirmed all the same, and the append below (same command id, so at most one event) records it instead.
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: email })).catch((error: unknown) => {
      if (!(error instanceof Error && (error.name === 'UserLambdaValidationException' || error.name === 'UnexpectedLambdaException'))) throw error;
      logger.warn('the post confirmation trigger failed; recording the registration here', { userId: userSub, error: error.name });
    });
    await executeUserCommand(eventStore(), { kind: 'RegisterUser', userId: userSub, email }, {
      commandId: `register:${userSub}`,
      correlationId: requestId,
      actor: { id: userSub, kind: 'user' },
      now,
    });
    return accepted();
  },
);
