import type { ReviewAssessment } from '../../events/catalog/reviewAssessment';
import type {
  ApproveShow,
  EscalateReview,
  PublishShow,
  RecordTranscodeCompletion,
  RecordTranscodeFailure,
  RejectShow,
  RequestReview,
  RequestTranscode,
} from './commands';
import type { ShowEvent } from './events';
import { requireLiveShow, requireStatus } from './guards';
import { chooseLadder } from './ladder';
import { refuse } from './refusals';
import type { ShowState } from './state';

/**
 * After a successful probe; again after a failed transcode or a rejection (a reprocess of the same source,
 * e.g. rejected for quality, or a transient encoder failure), and after a run that failed at any other stage.
 */
export const decideTranscodeRequest = (command: RequestTranscode, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  requireStatus(state, ['probed', 'transcodeFailed', 'rejected', 'processingFailed'], {
    code: 'TRANSCODE_NOT_ALLOWED',
    action: 'request a transcode',
    hint: 'A transcode needs a successfully probed source; after a failure or a rejection it can be requested again.',
  });
  const ladder = state.probe ? chooseLadder(state.probe) : [];
  if (!state.probe || ladder.length === 0) {
    return refuse('TRANSCODE_NOT_ALLOWED', `Cannot request a transcode: show ${showId} has no probed video to transcode.`);
  }
  // Reusing an id would let a late result of the previous job count for this one.
  if (state.transcode?.transcodeId === command.transcodeId) {
    refuse('TRANSCODE_ID_REUSED', `Transcode ${command.transcodeId} was already requested for show ${showId}: use a new id.`);
  }
  const { transcodeId, formats } = command;
  return [{ type: 'TranscodeRequested', data: { showId, uploadId: state.probe.uploadId, transcodeId, ladder, formats: [...formats] } }];
};

const requireRunningTranscode = (state: ShowState, showId: string, transcodeId: string, action: string) => {
  requireStatus(state, ['transcoding'], {
    code: 'TRANSCODE_NOT_IN_PROGRESS',
    action,
    hint: 'Only a requested transcode that has not finished can complete or fail.',
  });
  if (state.transcode?.transcodeId !== transcodeId) {
    refuse(
      'TRANSCODE_MISMATCH',
      `Transcode ${transcodeId} is not the running transcode of show ${showId} (${state.transcode?.transcodeId ?? 'none'}).`,
    );
  }
};

export const decideTranscodeCompletion = (command: RecordTranscodeCompletion, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  requireRunningTranscode(state, showId, command.transcodeId, 'record a transcode completion');
  const { transcodeId, renditions, outputs, thumbnailKeys } = command;
  return [{ type: 'TranscodeCompleted', data: { showId, transcodeId, renditions, outputs, thumbnailKeys } }];
};

export const decideTranscodeFailure = (command: RecordTranscodeFailure, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  requireRunningTranscode(state, showId, command.transcodeId, 'record a transcode failure');
  const { transcodeId, reason, message } = command;
  return [{ type: 'TranscodeFailed', data: { showId, transcodeId, reason, message } }];
};

export const decideReviewRequest = (command: RequestReview, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  requireStatus(state, ['transcoded'], {
    code: 'REVIEW_NOT_ALLOWED',
    action: 'request a review',
    hint: 'A review needs a completed transcode that has not been reviewed yet.',
  });
  const transcodeId = state.transcode?.transcodeId;
  if (!transcodeId) return refuse('REVIEW_NOT_ALLOWED', `Cannot request a review: show ${showId} has no completed transcode.`);
  return [{ type: 'ReviewRequested', data: { showId, transcodeId } }];
};

/** The transcode under a pending review; refuses when no review is pending. */
const pendingReview = (state: ShowState, action: string): string => {
  const hint = 'Approval and rejection answer a pending review of a completed transcode: request a review first.';
  requireStatus(state, ['inReview'], { code: 'REVIEW_NOT_PENDING', action, hint });
  const transcodeId = state.review?.status === 'pending' ? state.review.transcodeId : undefined;
  return transcodeId ?? refuse('REVIEW_NOT_PENDING', `Cannot ${action}: show ${state.showId} has no pending review. ${hint}`);
};

/** The machine reviewer's figures, recorded with its outcome when it gave them (a person's decision has none). */
const assessmentOf = (command: { assessment?: ReviewAssessment }) => (command.assessment === undefined ? {} : { assessment: command.assessment });

/** Escalation keeps the review pending: it only records that a human must now decide, and why. */
export const decideEscalation = (command: EscalateReview, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  const transcodeId = pendingReview(state, 'escalate the review');
  return [{ type: 'ReviewEscalated', data: { showId, transcodeId, reason: command.reason, message: command.message, ...assessmentOf(command) } }];
};

export const decideApproval = (command: ApproveShow, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  const transcodeId = pendingReview(state, 'approve the show');
  const note = command.note === undefined ? {} : { note: command.note };
  return [{ type: 'ShowApproved', data: { showId, transcodeId, ...note, ...assessmentOf(command) } }];
};

export const decideRejection = (command: RejectShow, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  const transcodeId = pendingReview(state, 'reject the show');
  return [{ type: 'ShowRejected', data: { showId, transcodeId, reason: command.reason, message: command.message, ...assessmentOf(command) } }];
};

export const decidePublication = (command: PublishShow, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  requireStatus(state, ['approved'], {
    code: 'SHOW_NOT_APPROVED',
    action: 'publish the show',
    hint: 'Only an approved show can be published, once.',
  });
  const transcoded = new Set(state.transcode?.result?.outputs.map((output) => output.format));
  const missing = command.playback.filter((entry) => !transcoded.has(entry.format)).map((entry) => entry.format);
  if (missing.length > 0) {
    refuse(
      'PLAYBACK_FORMAT_NOT_TRANSCODED',
      `Cannot publish show ${showId} with ${missing.join(', ')} playback: the approved transcode produced only ${[...transcoded].join(', ')}.`,
    );
  }
  const transcodeId =
    state.review?.status === 'approved'
      ? state.review.transcodeId
      : refuse('SHOW_NOT_APPROVED', `Cannot publish show ${showId}: it has no approved review.`);
  return [{ type: 'ShowPublished', data: { showId, transcodeId, playback: command.playback, thumbnailUrls: command.thumbnailUrls } }];
};
