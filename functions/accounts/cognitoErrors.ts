import { HttpError } from '../http/errors';

const nameOf = (error: unknown): string | undefined => (error instanceof Error ? error.name : undefined);

/**
 * Cognito's sign-in failures as answers that never say whether an address is registered: a wrong password, an
 * unknown user and an unconfirmed one read the same. A lockout after repeated failures is a 429.
 */
export const signInError = (error: unknown): unknown => {
  const name = nameOf(error);
  const message = error instanceof Error ? error.message : '';
  if (name === 'TooManyRequestsException' || (name === 'NotAuthorizedException' && /attempts exceeded/i.test(message)))
    return new HttpError(429, 'too_many_attempts', 'too many sign-in attempts: wait a little and try again');
  // Cognito says so only to someone holding the right password (or a refresh token of the account).
  if (name === 'NotAuthorizedException' && /user is disabled/i.test(message))
    return new HttpError(403, 'account_disabled', 'this account is disabled: ask an admin of Showrunner to enable it');
  if (name === 'NotAuthorizedException' || name === 'UserNotFoundException' || name === 'UserNotConfirmedException')
    return new HttpError(401, 'invalid_credentials', 'wrong email or password');
  return error;
};

/** Sign-up failures a person can act on (a weak password, a bad address); anything else is ours. */
export const signUpError = (error: unknown): unknown => {
  const name = nameOf(error);
  if (name === 'InvalidPasswordException') return new HttpError(400, 'weak_password', error instanceof Error ? error.message : 'the password is too weak');
  if (name === 'InvalidParameterException') return new HttpError(400, 'invalid_request', error instanceof Error ? error.message : 'invalid sign-up');
  if (name === 'TooManyRequestsException') return new HttpError(429, 'too_many_attempts', 'too many sign-ups: wait a little and try again');
  return error;
};
