import { systemClock } from '../runtime/clock';
import { eventStore } from '../runtime/eventStore';
import { registrationTrigger } from './registrationTrigger';

/** The user pool's Post confirmation trigger, apart from the other account functions: its function has no user pool variables. */
export const handler = registrationTrigger({ store: eventStore(), clock: systemClock });
