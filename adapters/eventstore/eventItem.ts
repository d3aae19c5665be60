import { envelopeSchema, type EventEnvelope } from '../../events/envelope';
import { StoredEventInvalidError } from './errors';
import { categoryShardOf } from './streamCategory';

/** The events-table item of an envelope. Only a stream's first event is indexed (the GSI is sparse). */
export const toEventItem = (event: EventEnvelope, categoryShards: number): Record<string, unknown> =>
  event.version === 1
    ? { ...event, categoryShard: categoryShardOf(event.streamId, categoryShards), startedAt: `${event.occurredAt}#${event.streamId}` }
    : { ...event };

/**
 * Validates what DynamoDB returned: a bad item names its stream and version so it can be found and fixed,
 * instead of surfacing later as a confusing state in some decider.
 */
export const parseEventItem = (item: Record<string, unknown>): EventEnvelope => {
  const { categoryShard: _shard, startedAt: _startedAt, ...envelope } = item;
  const parsed = envelopeSchema.safeParse(envelope);
  if (parsed.success) return parsed.data;
  const streamId = typeof item.streamId === 'string' ? item.streamId : '(no streamId)';
  throw new StoredEventInvalidError(streamId, item.version, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
};
