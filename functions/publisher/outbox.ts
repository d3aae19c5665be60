import type { DynamoDBBatchResponse } from 'aws-lambda';
import { processStream, storedEvents } from '../../adapters/streams';
import { countMetric } from '../runtime/metrics';
import { publishInOrder, type PublishOptions } from './publishInOrder';

export interface OutboxPorts extends PublishOptions {
  readonly logger?: { warn(message: string, extra: Record<string, unknown>): void };
}

/**
 * The outbox publisher's rule, given its ports: each record's stored event (validated as the store validates its
 * reads), grouped by stream, published in order per stream. A record that is not a valid event stops the batch
 * there (its stream is unknown), so Lambda retries it and, in the end, dead-letters it.
 */
export const outboxPublisher =
  (ports: OutboxPorts) =>
  (event: unknown): Promise<DynamoDBBatchResponse> =>
    processStream(event, {
      ...storedEvents,
      name: 'outbox publisher',
      onRecordsLeft: (count) => countMetric('StreamBatchFailures', count),
      process: async (groups) => (await publishInOrder(groups, ports)).failures,
      ...(ports.logger === undefined ? {} : { logger: ports.logger }),
    });
