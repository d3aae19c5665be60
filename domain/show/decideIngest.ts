import type { RecordIngestFailure, RecordSourceProbe, RecordSourceUploaded, RequestUpload, StartIngest } from './commands';
import type { ShowEvent } from './events';
import { requireLiveShow, requireStatus } from './guards';
import { refuse } from './refusals';
import type { ShowState, ShowStatus } from './state';

/**
 * How long an upload may take to arrive. Long enough for a multi-gigabyte file on a slow link; the
 * presigned URL the API hands out should not outlive it.
 */
export const uploadWindowMs = 6 * 60 * 60 * 1000;

/** Containers the transcoder reads. Not m3u8: a playlist names segments that were never uploaded. */
export const supportedSourceExtensions = ['mp4', 'm4v', 'mov', 'mkv', 'webm', 'mpg', 'mpeg', 'ts', 'm2ts', 'mts', 'wmv', 'mxf', 'h264'];

/** A first upload, a replacement while waiting, or a re-submission after a failure or a rejection. */
const uploadableStatuses: readonly ShowStatus[] = ['draft', 'awaitingUpload', 'ingestFailed', 'transcodeFailed', 'rejected', 'processingFailed'];

const extensionOf = (fileName: string) => fileName.split('.').pop()?.toLowerCase() ?? '';

export const decideUploadRequest = (command: RequestUpload, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  requireStatus(state, uploadableStatuses, {
    code: 'UPLOAD_NOT_ALLOWED',
    action: 'request an upload',
    hint: 'A source can be uploaded to a draft, or re-submitted after a failed ingest, a failed transcode or a rejection.',
  });
  // Reusing the current id would let a late notification of the old object pass for the new one.
  if (state.upload?.uploadId === command.uploadId) {
    refuse('UPLOAD_ID_REUSED', `Upload ${command.uploadId} was already requested for show ${showId}: use a new upload id.`);
  }
  if (!supportedSourceExtensions.includes(extensionOf(command.fileName))) {
    refuse(
      'UNSUPPORTED_SOURCE_FORMAT',
      `${command.fileName} is not a supported video file: use one of .${supportedSourceExtensions.join(', .')}.`,
    );
  }
  const { uploadId, fileName, contentType, sizeBytes } = command;
  const expiresAt = new Date(Date.parse(command.now) + uploadWindowMs).toISOString();
  return [{ type: 'UploadRequested', data: { showId, uploadId, fileName, contentType, sizeBytes, expiresAt } }];
};

const requireCurrentUpload = (state: ShowState, showId: string, uploadId: string) => {
  if (state.upload?.uploadId !== uploadId) {
    refuse(
      'UPLOAD_MISMATCH',
      `Upload ${uploadId} is not the current upload of show ${showId} (${state.upload?.uploadId ?? 'none'}): it was replaced or never requested.`,
    );
  }
};

export const decideSourceUploaded = (command: RecordSourceUploaded, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  requireCurrentUpload(state, showId, command.uploadId);
  requireStatus(state, ['awaitingUpload'], {
    code: 'SOURCE_NOT_EXPECTED',
    action: 'record an uploaded source',
    hint: 'The source of this upload was already recorded.',
  });
  const { uploadId, key, sizeBytes, etag } = command;
  return [{ type: 'SourceUploaded', data: { showId, uploadId, key, sizeBytes, etag } }];
};

export const decideIngestStart = (command: StartIngest, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  requireCurrentUpload(state, showId, command.uploadId);
  requireStatus(state, ['uploaded'], {
    code: 'INGEST_NOT_ALLOWED',
    action: 'start ingest',
    hint: 'Ingest starts once, after the source of the current upload has arrived.',
  });
  return [{ type: 'IngestStarted', data: { showId, uploadId: command.uploadId, executionId: command.executionId } }];
};

/** A probe with no video stream is a fact and a failure at once: the source is audio or junk. */
export const decideSourceProbe = (command: RecordSourceProbe, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  requireCurrentUpload(state, showId, command.uploadId);
  requireStatus(state, ['ingesting'], {
    code: 'PROBE_NOT_EXPECTED',
    action: 'record a probe',
    hint: 'A probe is recorded once, while ingest is running.',
  });
  const { type: _type, showId: _showId, now: _now, actor: _actor, ...probe } = command;
  const probed: ShowEvent = { type: 'SourceProbed', data: { showId, ...probe } };
  if (probe.video.length > 0) return [probed];
  const message = `The source of upload ${probe.uploadId} has no video stream (container ${probe.container}).`;
  return [probed, { type: 'IngestFailed', data: { showId, uploadId: probe.uploadId, reason: 'NO_VIDEO_STREAM', message } }];
};

/**
 * Ingest fails between the upload and a successful probe; or before the source is recorded at all, when the object
 * that arrived cannot be a source (an empty file: SourceUploaded holds only a source with bytes).
 */
export const decideIngestFailure = (command: RecordIngestFailure, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  requireCurrentUpload(state, showId, command.uploadId);
  requireStatus(state, ['awaitingUpload', 'uploaded', 'ingesting'], {
    code: 'INGEST_NOT_IN_PROGRESS',
    action: 'record an ingest failure',
    hint: 'Ingest can only fail between the upload and a successful probe.',
  });
  const { uploadId, reason, message } = command;
  return [{ type: 'IngestFailed', data: { showId, uploadId, reason, message } }];
};
