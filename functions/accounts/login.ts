import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { HttpError } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import { userPool } from './cognito';
import { signInError } from './cognitoErrors';

userPool();

const body = z.union([
  z.strictObject({ email: z.email().max(254), password: z.string().min(1).max(256) }),
  z.strictObject({ refreshToken: z.string().min(1).max(8192) }),
]);

/**
 * POST /auth/login {email, password} signs in; POST /auth/login {refreshToken} gets fresh tokens. Access and ID
 * tokens live 15 minutes (the app client's setting), so a signed-out session dies within that.
 */
export const handler = httpHandler({ body, access: 'public' }, async ({ body: input }) => {
  const { client, clientId } = userPool();
  const command =
    'refreshToken' in input
      ? new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: input.refreshToken } })
      : new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: input.email.toLowerCase(), PASSWORD: input.password } });
  const result = await client.send(command).catch((error: unknown) => {
    throw signInError(error);
  });
  const tokens = result.AuthenticationResult;
  if (tokens?.AccessToken === undefined) throw new HttpError(401, 'challenge_required', `sign-in needs a further step (${result.ChallengeName ?? 'unknown'}), which this API does not offer yet`);
  return json(
    200,
    { accessToken: tokens.AccessToken, idToken: tokens.IdToken, refreshToken: tokens.RefreshToken ?? ('refreshToken' in input ? input.refreshToken : undefined), expiresIn: tokens.ExpiresIn, tokenType: 'Bearer' },
    { 'cache-control': 'no-store' },
  );
});
