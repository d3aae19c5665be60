import { z } from 'zod';
import { userIdSchema } from '../../events/accounts';
import { logger } from '../runtime/logger';
import { eventStore } from '../runtime/eventStore';
import { executeUserCommand } from './users';

eventStore();

/** The part of Cognito's Post confirmation trigger event this reads. */
const postConfirmationSchema = z.looseObject({
  triggerSource: z.string(),
  userName: z.string().min(1),
  request: z.looseObject({ userAttributes: z.looseObject({ sub: userIdSchema, email: z.email().max(254) }) }),
});

/**
 * Cognito's Post confirmation trigger: the user pool records UserRegistered itself once an account is confirmed,
 * so a registration whose own append failed after SignUp still converges. The command id is the one
 * POST /auth/register uses (`register:<sub>`): whichever runs second appends nothing. Cognito needs the event back.
 */
export const handler = async (event: unknown): Promise<unknown> => {
  const parsed = postConfirmationSchema.parse(event);
  // A forgotten-password confirmation also fires this trigger; only a sign-up is a registration.
  if (parsed.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  const { sub, email } = parsed.request.userAttributes;
  const handled = await executeUserCommand(eventStore(), { kind: 'RegisterUser', userId: sub, email: email.toLowerCase() }, {
    commandId: `register:${sub}`,
    correlationId: `cognito:${sub}`,
    actor: { id: 'cognito', kind: 'service' },
    now: new Date().toISOString(),
  });
  logger.info('registration recorded by the user pool', { userId: sub, appended: !handled.alreadyAppended && handled.events.length > 0 });
  return event;
};
