import * as z from 'zod';
import type { EventStore } from '../../adapters/eventstore';
import { userIdSchema } from '../../events/accounts';
import type { Clock } from '../runtime/clock';
import { lambdaHandler } from '../runtime/lambda';
import { logEventIds, logger } from '../runtime/logger';
import { executeUserCommand } from './users';

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
export const registrationTrigger = ({ store, clock }: { readonly store: EventStore; readonly clock: Clock }) =>
  lambdaHandler(async (event: unknown): Promise<unknown> => {
    const parsed = postConfirmationSchema.parse(event);
    // A forgotten-password confirmation also fires this trigger; only a sign-up is a registration.
    if (parsed.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
    const { sub, email } = parsed.request.userAttributes;
    const correlationId = `cognito:${sub}`;
    logEventIds({ correlationId });
    const handled = await executeUserCommand(store, { kind: 'RegisterUser', userId: sub, email: email.toLowerCase() }, {
      commandId: `register:${sub}`,
      correlationId,
      actor: { id: 'cognito', kind: 'service' },
      now: clock().toISOString(),
    });
    logger.info('registration recorded by the user pool', { userId: sub, appended: !handled.alreadyAppended && handled.events.length > 0 });
    return event;
  });
