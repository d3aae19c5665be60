import type { RecordProcessingFailure } from './commands';
import type { ShowEvent } from './events';
import { requireLiveShow } from './guards';
import { refuse } from './refusals';
import type { ShowState } from './state';

/**
 * A workflow run that stopped at a stage: recorded once per execution (the same execution failing again decides
 * nothing, so a retried recorder appends nothing), for any live show that is not published. A published show was
 * delivered: a late failure of the run that published it cannot take that back.
 */
export const decideProcessingFailure = (command: RecordProcessingFailure, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  if (state.processingFailure?.executionName === command.executionName) return [];
  if (state.status === 'draft' || state.status === 'published') {
    return refuse('PROCESSING_FAILURE_NOT_EXPECTED', `Cannot record a processing failure: show ${showId} is ${state.status}, no workflow run of it can fail now.`);
  }
  const { executionName, stage, error, cause } = command;
  return [{ type: 'ProcessingFailed', data: { showId, executionName, stage, error, cause } }];
};
