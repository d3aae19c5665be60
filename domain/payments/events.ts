import type { DomainEventOf } from '../../events/contract';
import { createEventRegistry } from '../../events/createRegistry';
import { paymentContracts } from '../../events/payments';

export type PremiumEvent = DomainEventOf<(typeof paymentContracts)[number]>;
/** A registry of payment events only: anything else in a premium stream is corrupt. */
export const premiumEventRegistry = createEventRegistry(paymentContracts);
