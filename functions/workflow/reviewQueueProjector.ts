import type { DynamoDBBatchResponse } from 'aws-lambda';
import { parseStreamRecords, streamEventSchema } from '../publisher/streamRecords';
import { workflowDeps } from './deps';
import { projectReviewQueueBatch } from './reviewQueue';

const deps = workflowDeps();

/**
 * The reviewers' queue, on its own subscription to the events table's stream, as the catalogue's projector is.
 * Records after an invalid one wait for Lambda's retries and on-failure destination, in order.
 */
export const handler = async (event: unknown): Promise<DynamoDBBatchResponse> => {
  const records = parseStreamRecords(streamEventSchema.parse(event));
  const firstInvalid = records.find((record) => record.kind === 'invalid');
  const usable = firstInvalid === undefined ? records : records.slice(0, records.indexOf(firstInvalid));
  const events = usable.flatMap((record) => (record.kind === 'event' ? [{ sequenceNumber: record.sequenceNumber, event: record.event }] : []));
  const answer = await projectReviewQueueBatch(deps, events);
  if (answer.batchItemFailures.length > 0 || firstInvalid === undefined) return answer;
  return { batchItemFailures: [{ itemIdentifier: firstInvalid.sequenceNumber }] };
};
