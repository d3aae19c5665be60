import { awaitReview as awaitReviewOf } from './awaitReview';
import { workflowDeps } from './deps';
import { escalateReview as escalateReviewOf } from './escalateReview';
import { abortUpload as abortUploadOf, completeUpload as completeUploadOf, showUploads as showUploadsOf, uploadParts as uploadPartsOf, uploads as uploadsOf } from './http/uploads';
import { workflowStatus as workflowStatusOf } from './http/workflowStatus';
import { prepareTranscode as prepareTranscodeOf } from './prepareTranscode';
import { publish as publishOf } from './publish';
import { recordFailure as recordFailureOf } from './recordFailure';
import { recordTranscode as recordTranscodeOf } from './recordTranscode';
import { recordTranscodeFailure as recordTranscodeFailureOf } from './recordTranscodeFailure';

/**
 * The workflow's functions of functions.yml that run no ffmpeg, wired to this container's ports (config read once,
 * at load), each exported under its state's name (README, Names). Ingest and the machine reviewer are in
 * mediaHandlers.ts: that module resolves the ffmpeg layer's binaries at load.
 */
const deps = workflowDeps();

export const prepareTranscode = prepareTranscodeOf(deps);
export const recordTranscode = recordTranscodeOf(deps);
export const recordTranscodeFailure = recordTranscodeFailureOf(deps);
export const awaitReview = awaitReviewOf(deps);
export const escalateReview = escalateReviewOf(deps);
export const publish = publishOf(deps);
export const recordFailure = recordFailureOf(deps);
export const uploads = uploadsOf(deps);
export const showUploads = showUploadsOf(deps);
export const uploadParts = uploadPartsOf(deps);
export const completeUpload = completeUploadOf(deps);
export const abortUpload = abortUploadOf(deps);
export const workflowStatus = workflowStatusOf(deps);
