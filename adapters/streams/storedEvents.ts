import type { EventEnvelope } from '../../events/envelope';
import { parseEventItem } from '../eventstore';
import type { Decoder } from './groups';

/** The events table's records: each one stored event (validated as the store validates its reads), grouped by stream. */
export const storedEvents: Decoder<EventEnvelope> = {
  decode: (item) => [parseEventItem(item)],
  keyOf: (envelope) => envelope.streamId,
};
