import { GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { premiumActiveAt } from '../../domain/payments';
import { unauthorized } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import { loadPremium } from '../payments/premium';
import { eventStore } from '../runtime/eventStore';
import { userPool } from './cognito';

userPool();

/**
 * GET /me: who the caller is, their roles and premium. Asking Cognito with the caller's access token is what makes
 * a signed-out token fail here at once (Cognito refuses revoked tokens), not only when it expires.
 */
export const handler = httpHandler({ access: { roles: [] } }, async ({ headers, caller, now }) => {
  const token = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
  if (token === undefined || caller === undefined) throw unauthorized();
  const user = await userPool()
    .client.send(new GetUserCommand({ AccessToken: token }))
    .catch((error: unknown) => {
      throw error instanceof Error && error.name === 'NotAuthorizedException' ? unauthorized() : error;
    });
  const premium = await loadPremium(eventStore(), caller.userId);
  return json(
    200,
    {
      userId: caller.userId,
      email: user.UserAttributes?.find((a) => a.Name === 'email')?.Value ?? null,
      roles: caller.roles,
      premium: { active: premiumActiveAt(premium, now), endsAt: premium.endsAt },
    },
    { 'cache-control': 'private, no-store' },
  );
});
