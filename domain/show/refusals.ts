import { CommandRefusedError } from '../decider';

/** Stable refusal codes of the Show decider: clients match on them, so add, never rename. */
export const showRefusalCodes = [
  'SHOW_NOT_FOUND',
  'SHOW_ALREADY_DRAFTED',
  'SHOW_ID_MISMATCH',
  'SHOW_WITHDRAWN',
  'UPLOAD_NOT_ALLOWED',
  'UPLOAD_ID_REUSED',
  'UNSUPPORTED_SOURCE_FORMAT',
  'UPLOAD_MISMATCH',
  'SOURCE_NOT_EXPECTED',
  'INGEST_NOT_ALLOWED',
  'PROBE_NOT_EXPECTED',
  'INGEST_NOT_IN_PROGRESS',
  'TRANSCODE_NOT_ALLOWED',
  'TRANSCODE_ID_REUSED',
  'TRANSCODE_NOT_IN_PROGRESS',
  'TRANSCODE_MISMATCH',
  'REVIEW_NOT_ALLOWED',
  'REVIEW_NOT_PENDING',
  'SHOW_NOT_APPROVED',
  'PLAYBACK_FORMAT_NOT_TRANSCODED',
  'PROCESSING_FAILURE_NOT_EXPECTED',
  'NOTHING_TO_REPROCESS',
  'REPROCESS_NOT_ALLOWED',
  'SHOW_DELETED',
  'INGEST_RETRY_NOT_ALLOWED',
] as const;
export type ShowRefusalCode = (typeof showRefusalCodes)[number];

export const refuse = (code: ShowRefusalCode, message: string): never => {
  throw new CommandRefusedError(code, message);
};
