import { GlobalSignOutCommand } from '@aws-sdk/client-cognito-identity-provider';
import { httpHandler } from '../http/httpHandler';
import { noContent } from '../http/response';
import { unauthorized } from '../http/errors';
import { userPool } from './cognito';

userPool();

/**
 * POST /auth/logout: ends every session of the caller. Cognito revokes the refresh tokens (no new access tokens)
 * and the access tokens for its own APIs (GET /me asks Cognito, so it refuses them at once); other routes accept an
 * already-issued access token until it expires, at most 15 minutes later.
 */
export const handler = httpHandler({ access: { roles: [] } }, async ({ headers }) => {
  const token = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
  if (token === undefined) throw unauthorized();
  await userPool().client.send(new GlobalSignOutCommand({ AccessToken: token }));
  return noContent({ 'cache-control': 'no-store' });
});
