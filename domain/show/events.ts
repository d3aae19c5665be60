import { showContracts } from '../../events/catalog';
import type { ShowDomainEvent } from '../../events/catalog/types';
import { createEventRegistry } from '../../events/createRegistry';

/**
 * What the Show decider emits and folds: `{ type, data }` at the current schema version. A decoded envelope
 * of a Show event is assignable to it as is; the envelope's metadata belongs to the command handler.
 */
export type ShowEvent = ShowDomainEvent;
export type ShowEventType = ShowEvent['type'];

/** A registry of Show events only: anything else found in a Show stream is corrupt, not ignorable. */
export const showEventRegistry = createEventRegistry(showContracts);

/** Decodes (upcasts, validates) one stored event of a Show stream; throws CorruptEventError otherwise. */
export const decodeShowEvent = showEventRegistry.decode;

/** Show streams are `show#<showId>`: the prefix is the stream category that rebuilds list streams by. */
export const showStreamCategory = 'show';
export const showStreamId = (showId: string): string => `${showStreamCategory}#${showId}`;
/** Whether a stream of the store is a show's (the events table holds accounts', alerts' and payments' streams too). */
export const isShowStream = (streamId: string): boolean => streamId.startsWith(`${showStreamCategory}#`);
