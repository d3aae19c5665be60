import { premiumActiveAt } from '../../domain/payments';
import { HttpError, unauthorized } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json, noContent } from '../http/response';
import { loadPremium } from '../payments/premium';
import { signInError } from './cognitoErrors';
import type { AccountsDeps } from './deps';
import { accountRoutes } from './routes';


const bearerOf = (headers: Readonly<Record<string, string | undefined>>): string | undefined => /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];

/** Cognito refuses a token it no longer honours (signed out, or never its own) with this exception. */
const isRefusedToken = (error: unknown): boolean => error instanceof Error && error.name === 'NotAuthorizedException';

/** Sign-in, sign-out and "who am I": the routes of a session, over the user pool and the premium streams. */
export const sessionRoutes = ({ store, pool, clock }: AccountsDeps) => ({
  /**
   * POST /auth/login {email, password} signs in; POST /auth/login {refreshToken} gets fresh tokens. Access and ID
   * tokens live 15 minutes (the app client's setting), so a signed-out session dies within that.
   */
  login: httpHandler({ ...accountRoutes.login, clock }, async ({ body: input }) => {
    const signedIn = await pool.signIn('refreshToken' in input ? input : { email: input.email.toLowerCase(), password: input.password }).catch((error: unknown) => {
      throw signInError(error);
    });
    const tokens = signedIn.tokens;
    if (tokens === undefined) throw new HttpError(401, 'challenge_required', `sign-in needs a further step (${signedIn.challenge ?? 'unknown'}), which this API does not offer yet`);
    const refreshToken = tokens.refreshToken ?? ('refreshToken' in input ? input.refreshToken : undefined);
    return json(200, { accessToken: tokens.accessToken, idToken: tokens.idToken, refreshToken, expiresIn: tokens.expiresIn, tokenType: 'Bearer' }, { 'cache-control': 'no-store' });
  }),

  /**
   * POST /auth/logout: ends every session of the caller. Cognito revokes the refresh tokens (no new access tokens)
   * and the access tokens for its own APIs (GET /me asks Cognito, so it refuses them at once); other routes accept an
   * already-issued access token until it expires, at most 15 minutes later. Idempotent: a token already signed out
   * (or one the pool does not know) has no session left to end, so it gets the same 204.
   */
  logout: httpHandler({ ...accountRoutes.logout, clock }, async ({ headers }) => {
    const token = bearerOf(headers);
    if (token === undefined) throw unauthorized();
    await pool.signOut(token).catch((error: unknown) => {
      if (!isRefusedToken(error)) throw error;
    });
    return noContent({ 'cache-control': 'no-store' });
  }),

  /**
   * GET /me: who the caller is, their roles and premium. Asking Cognito with the caller's access token is what makes
   * a signed-out token fail here at once (Cognito refuses revoked tokens), not only when it expires.
   */
  me: httpHandler({ ...accountRoutes.me, clock }, async ({ headers, caller, now }) => {
    const token = bearerOf(headers);
    if (token === undefined || caller === undefined) throw unauthorized();
    const email = await pool.emailOf(token).catch((error: unknown) => {
      throw isRefusedToken(error) ? unauthorized() : error;
    });
    const premium = await loadPremium(store, caller.userId);
    const body = { userId: caller.userId, email: email ?? null, roles: caller.roles, premium: { active: premiumActiveAt(premium, now), endsAt: premium.endsAt } };
    return json(200, body, { 'cache-control': 'private, no-store' });
  }),
});
