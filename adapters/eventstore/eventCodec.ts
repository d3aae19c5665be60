import type { EventEnvelope } from '../../events/envelope';

/**
 * How a decider's events map to stored envelopes and back; the events registry provides one per aggregate.
 * `decode` validates `data` against the event type's schema and upcasts old schema versions.
 */
export interface EventCodec<TEvent> {
  encode(event: TEvent): { readonly type: string; readonly schemaVersion: number; readonly data: unknown };
  decode(envelope: EventEnvelope): TEvent;
}
