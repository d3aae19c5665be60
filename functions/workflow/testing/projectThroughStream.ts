import { defaultCategoryShards } from '../../../adapters/eventstore';
import { toEventItem } from '../../../adapters/eventstore/eventItem';
import { processStream, type StreamConsumer } from '../../../adapters/streams';
import { streamEventOf } from '../../../adapters/streams/testing/streamEventOf';
import type { EventEnvelope } from '../../../events/envelope';

/** Runs stored events through a stream consumer as Lambda would deliver them from the events table's stream. */
export const projectThroughStream = (consumer: StreamConsumer<EventEnvelope>, events: readonly EventEnvelope[]) =>
  processStream(streamEventOf(events.map((event) => toEventItem(event, defaultCategoryShards))), consumer);
