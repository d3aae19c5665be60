import type { RequestReprocess } from './commands';
import type { ShowEvent } from './events';
import { requireLiveShow } from './guards';
import { chooseLadder } from './ladder';
import { refuse } from './refusals';
import type { ShowState } from './state';
import { isLive, runningStageOf, strandedCause, strandedError } from './stranded';

/**
 * An admin's reprocess: a new run may start once the show's run has ended, however it ended (failed, aborted,
 * timed out, or succeeded into a state no run moves on from), as long as there is a probed source to transcode.
 * A show left in a running stage by a run that is no longer live first gets that run's failure recorded (once per
 * execution), so the new run's transcode request finds a failed run to start over from. Decides nothing otherwise:
 * the new run's own events say the rest.
 */
export const decideReprocess = (command: RequestReprocess, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  const { run } = command;
  if (state.status === 'published') {
    return refuse('REPROCESS_NOT_ALLOWED', `Show ${showId} is published: what was delivered stays delivered. Withdraw it and draft a new show to start over.`);
  }
  if (!state.upload?.source || state.probe === null || chooseLadder(state.probe).length === 0) {
    return refuse('NOTHING_TO_REPROCESS', `Show ${showId} has no probed source to reprocess (it is ${state.status}): upload a source first.`);
  }
  if (isLive(run.status)) {
    return refuse('REPROCESS_NOT_ALLOWED', `Show ${showId} is ${state.status} and its run ${run.executionName} is still ${run.status}: wait for it to end, or stop it, before reprocessing.`);
  }
  const stage = runningStageOf(state.status);
  if (stage === null || state.processingFailure?.executionName === run.executionName) return [];
  return [{ type: 'ProcessingFailed', data: { showId, executionName: run.executionName, stage, error: strandedError, cause: strandedCause(run) } }];
};
