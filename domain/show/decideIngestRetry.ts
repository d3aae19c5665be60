import type { IngestFailureReason } from '../../events/catalog/ingestFailed';
import type { RetryIngest } from './commands';
import type { ShowEvent } from './events';
import { requireLiveShow } from './guards';
import { refuse } from './refusals';
import type { ShowState } from './state';
import { isLive } from './stranded';

/** Failures that are the file's own: ingesting the same bytes again would fail the same way. */
const failuresOfTheFile: readonly IngestFailureReason[] = ['UNSUPPORTED_FORMAT', 'NO_VIDEO_STREAM'];

const failedAtIngest = (state: ShowState): boolean =>
  state.status === 'ingestFailed' || (state.status === 'processingFailed' && state.processingFailure?.stage === 'ingest');

/**
 * A retry of a failed ingest on the source already recorded (no new upload): allowed once the failed run has ended,
 * when the failure was not the file's own. The new run starts from ingest; the show stands as uploaded until it does.
 */
export const decideIngestRetry = (command: RetryIngest, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  const upload = state.upload;
  if (!failedAtIngest(state) || upload === null) {
    return refuse('INGEST_RETRY_NOT_ALLOWED', `Show ${showId} is ${state.status}: only a show whose ingest failed can retry it.`);
  }
  if (upload.source === null) {
    return refuse('INGEST_RETRY_NOT_ALLOWED', `Show ${showId} has no recorded source to ingest again (${state.ingestFailure?.message ?? 'none arrived'}): upload a new source with POST /shows/${showId}/uploads.`);
  }
  const failure = state.ingestFailure;
  if (failure !== null && failuresOfTheFile.includes(failure.reason)) {
    return refuse('INGEST_RETRY_NOT_ALLOWED', `The source of show ${showId} cannot be used (${failure.message}): ingesting it again would fail the same way. Upload a new source with POST /shows/${showId}/uploads.`);
  }
  if (isLive(command.run.status)) {
    return refuse('INGEST_RETRY_NOT_ALLOWED', `Show ${showId}'s run ${command.run.executionName} is still ${command.run.status}: wait for it to end before retrying.`);
  }
  return [{ type: 'IngestRetryRequested', data: { showId, uploadId: upload.uploadId, executionName: command.executionName } }];
};
