import type { Decider } from '../decider';
import type { ShowCommand } from './commands';
import { decideCaptionsAdded, decideCaptionsRemoved } from './decideCaptions';
import { decideDelete, decideDraft, decideMetadataUpdate, decideWithdraw } from './decideCatalog';
import { decideProcessingFailure } from './decideFailure';
import { decideIngestFailure, decideIngestStart, decideSourceProbe, decideSourceUploaded, decideUploadRequest } from './decideIngest';
import { decideIngestRetry } from './decideIngestRetry';
import {
  decideApproval,
  decideEscalation,
  decidePublication,
  decideRejection,
  decideReviewRequest,
  decideTranscodeCompletion,
  decideTranscodeFailure,
  decideTranscodeRequest,
} from './decideProcessing';
import { decideReprocess } from './decideReprocess';
import type { ShowEvent } from './events';
import { evolveShow } from './evolve';
import { initialShowState, type ShowState } from './state';

/** Throws CommandRefusedError (codes in refusals.ts) when the rules refuse; otherwise the new events. */
// A switch over every command type is long by nature; each case is one call.
// eslint-disable-next-line complexity
export const decideShow = (command: ShowCommand, state: ShowState): ShowEvent[] => {
  switch (command.type) {
    case 'DraftShow':
      return decideDraft(command, state);
    case 'UpdateShowMetadata':
      return decideMetadataUpdate(command, state);
    case 'WithdrawShow':
      return decideWithdraw(command, state);
    case 'DeleteShow':
      return decideDelete(command, state);
    case 'RequestUpload':
      return decideUploadRequest(command, state);
    case 'RecordSourceUploaded':
      return decideSourceUploaded(command, state);
    case 'StartIngest':
      return decideIngestStart(command, state);
    case 'RecordSourceProbe':
      return decideSourceProbe(command, state);
    case 'RecordIngestFailure':
      return decideIngestFailure(command, state);
    case 'RetryIngest':
      return decideIngestRetry(command, state);
    case 'RequestTranscode':
      return decideTranscodeRequest(command, state);
    case 'RecordTranscodeCompletion':
      return decideTranscodeCompletion(command, state);
    case 'RecordTranscodeFailure':
      return decideTranscodeFailure(command, state);
    case 'RequestReview':
      return decideReviewRequest(command, state);
    case 'EscalateReview':
      return decideEscalation(command, state);
    case 'ApproveShow':
      return decideApproval(command, state);
    case 'RejectShow':
      return decideRejection(command, state);
    case 'PublishShow':
      return decidePublication(command, state);
    case 'RecordProcessingFailure':
      return decideProcessingFailure(command, state);
    case 'RequestReprocess':
      return decideReprocess(command, state);
    case 'AddCaptions':
      return decideCaptionsAdded(command, state);
    case 'RemoveCaptions':
      return decideCaptionsRemoved(command, state);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
};

/** The whole behaviour of a Show: pure, so the same command on the same events always decides the same. */
export const showDecider: Decider<ShowCommand, ShowEvent, ShowState> = {
  decide: decideShow,
  evolve: evolveShow,
  initialState: initialShowState,
};
