import type { DynamoDBBatchResponse } from 'aws-lambda';
import { decodeShowEvent } from '../../domain/show';
import { logger } from '../runtime/logger';
import { parseStreamRecords, streamEventSchema } from '../publisher/streamRecords';
import { workflowDeps } from './deps';
import { resumeReviewedWorkflow } from './resumeReview';

const deps = workflowDeps();

/**
 * Resumes the workflow from each recorded review decision (ShowApproved, ShowRejected), read from the events
 * table's stream: a decision stored is sent back even if the request that recorded it ended right after, and a
 * failed send is retried by Lambda from that record, in order.
 */
export const handler = async (event: unknown): Promise<DynamoDBBatchResponse> => {
  for (const record of parseStreamRecords(streamEventSchema.parse(event))) {
    if (record.kind === 'skip') continue;
    try {
      if (record.kind === 'invalid') throw record.error;
      const decided = decodeShowEvent(record.event);
      if (decided.type !== 'ShowApproved' && decided.type !== 'ShowRejected') continue;
      const decision = decided.type === 'ShowApproved' ? 'approve' : 'reject';
      const outcome = await resumeReviewedWorkflow(deps, { showId: decided.data.showId, transcodeId: decided.data.transcodeId, decision });
      logger.info('review decision sent to the workflow', { showId: decided.data.showId, eventId: record.event.eventId, outcome });
    } catch (error) {
      logger.warn('review decision not sent yet; retried from this record', { error: error instanceof Error ? error.message : String(error) });
      return { batchItemFailures: [{ itemIdentifier: record.sequenceNumber }] };
    }
  }
  return { batchItemFailures: [] };
};
