import type { BoundedContext, EventEnvelope } from '../../events/envelope';

/**
 * How a decider's events map to stored envelopes and back; the events registry provides one per aggregate.
 * `decode` validates `data` against the event type's schema and upcasts old schema versions.
 */
export interface EventCodec<TEvent> {
  /** `context`, when given (an event contract owns it), wins over the command metadata's. */
  encode(event: TEvent): { readonly type: string; readonly schemaVersion: number; readonly data: unknown; readonly context?: BoundedContext };
  decode(envelope: EventEnvelope): TEvent;
}
