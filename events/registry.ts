import { accountContracts } from './accounts';
import { showContracts } from './catalog';
import type { DomainEventOf, EnvelopeOf } from './contract';
import { createEventRegistry, type NewEventMetadata } from './createRegistry';
import type { EventEnvelope } from './envelope';
import { paymentContracts } from './payments';
import { playbackContracts } from './playback';

/**
 * Every contract the system publishes. A new context (payments, accounts, playback) adds its own folder
 * with a list like `showContracts` and spreads it here; nothing else changes.
 */
export const allContracts = [...showContracts, ...accountContracts, ...paymentContracts, ...playbackContracts] as const;

export type AnyContract = (typeof allContracts)[number];
/** Any current-version event as `{ type, data }`, discriminated on `type`. */
export type AnyDomainEvent = DomainEventOf<AnyContract>;
/** Any decoded current-version envelope, discriminated on `type`. */
export type AnyEventEnvelope = EnvelopeOf<AnyContract>;

export const eventRegistry = createEventRegistry(allContracts);

/**
 * The typed current-version event of a stored envelope, after upcasting and validation.
 * Throws CorruptEventError (naming stream, version, type and the zod issues) rather than pass bad data on.
 *
 * @example
 * const event = decodeEvent(storedEnvelope);
 * if (event.type === 'ShowDrafted') console.log(event.data.language);
 */
export const decodeEvent = (stored: EventEnvelope<string, unknown>): AnyEventEnvelope => eventRegistry.decode(stored);

/**
 * The envelope of a new event at its contract's current schema version and context.
 * Throws InvalidNewEventError when the data breaks the contract.
 *
 * @example
 * encodeEvent({ type: 'ShowWithdrawn', data: { showId, reason: 'RIGHTS' } }, { eventId, streamId, version, ... })
 */
export const encodeEvent = <TEvent extends AnyDomainEvent>(event: TEvent, metadata: NewEventMetadata) =>
  eventRegistry.encode(event, metadata);
