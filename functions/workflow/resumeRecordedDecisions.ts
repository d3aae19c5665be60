import { processStream, storedEvents } from '../../adapters/streams';
import { decodeShowEvent, isShowStream } from '../../domain/show';
import { logger } from '../runtime/logger';
import { streamReporting } from '../runtime/streamReporting';
import { resumeReviewedWorkflow, type ResumeDeps } from './resumeReview';

/** Sends one show stream's recorded decisions back to its workflow, in order; the first that fails stops the stream there. */
const resumeStream = async (deps: ResumeDeps, units: readonly { value: Parameters<typeof decodeShowEvent>[0] }[]): Promise<{ from: number; error: unknown } | undefined> => {
  for (const [index, unit] of units.entries()) {
    try {
      const decided = decodeShowEvent(unit.value);
      if (decided.type !== 'ShowApproved' && decided.type !== 'ShowRejected') continue;
      const decision = decided.type === 'ShowApproved' ? 'approve' : 'reject';
      const outcome = await resumeReviewedWorkflow(deps, { showId: decided.data.showId, transcodeId: decided.data.transcodeId, decision });
      logger.info('review decision sent to the workflow', { showId: decided.data.showId, eventId: unit.value.eventId, outcome });
    } catch (error) {
      return { from: index, error };
    }
  }
  return undefined;
};

/**
 * Resumes the workflow from each recorded review decision (ShowApproved, ShowRejected), read from the events
 * table's stream: a decision stored is sent back even if the request that recorded it ended right after, and a
 * failed send is retried by Lambda from that record, in order, without holding back other shows.
 */
export const resumeRecordedDecisions = (deps: ResumeDeps) => (event: unknown) =>
  processStream(event, {
    ...storedEvents,
    name: 'review resumer',
    ...streamReporting,
    process: async (groups) => {
      // Only show streams carry review decisions; accounts', payments' and alerts' streams pass by.
      const shows = [...groups].filter(([streamId]) => isShowStream(streamId));
      const results = await Promise.all(shows.map(async ([streamId, units]) => [streamId, await resumeStream(deps, units)] as const));
      return new Map(results.flatMap(([streamId, failure]) => (failure === undefined ? [] : [[streamId, failure] as const])));
    },
  });
