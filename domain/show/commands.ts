import type { DeliveryFormat } from '../../events/catalog/fields';
import type {
  CaptionsAddedData,
  CaptionsRemovedData,
  IngestFailedData,
  ProcessingFailedData,
  ShowApprovedData,
  ShowDeletedData,
  ReviewEscalatedData,
  ShowDraftedData,
  ShowPublishedData,
  ShowRejectedData,
  ShowVisibilityChangedData,
  ShowWithdrawnData,
  SourceProbedData,
  SourceUploadedData,
  TranscodeCompletedData,
  TranscodeFailedData,
} from '../../events/catalog/types';
import type { Actor } from '../../events/envelope';
import type { RunBehind } from './stranded';

/**
 * What every command carries besides its own fields. `now` (ISO 8601) and the ids are chosen by the caller,
 * so deciding is deterministic: the same command against the same state always gives the same events.
 */
interface CommandBase<TType extends string> {
  readonly type: TType;
  readonly showId: string;
  readonly now: string;
  readonly actor: Actor;
}

type Command<TType extends string, TFields = object> = CommandBase<TType> & Readonly<Omit<TFields, 'showId'>>;

export type DraftShow = Command<'DraftShow', ShowDraftedData>;
/** Catalogue text, the premium flag and who the show is for: only what the command names changes. */
export type UpdateShowMetadata = Command<'UpdateShowMetadata', Partial<Omit<ShowDraftedData, 'showId'> & Omit<ShowVisibilityChangedData, 'showId'>>>;
export type RequestUpload = Command<
  'RequestUpload',
  { uploadId: string; fileName: string; contentType: string; sizeBytes: number }
>;
export type RecordSourceUploaded = Command<'RecordSourceUploaded', SourceUploadedData>;
export type StartIngest = Command<'StartIngest', { uploadId: string; executionId: string }>;
export type RecordSourceProbe = Command<'RecordSourceProbe', SourceProbedData>;
export type RecordIngestFailure = Command<'RecordIngestFailure', IngestFailedData>;
export type RequestTranscode = Command<'RequestTranscode', { transcodeId: string; formats: readonly DeliveryFormat[] }>;
export type RecordTranscodeCompletion = Command<'RecordTranscodeCompletion', TranscodeCompletedData>;
export type RecordTranscodeFailure = Command<'RecordTranscodeFailure', TranscodeFailedData>;
export type RequestReview = Command<'RequestReview'>;
export type EscalateReview = Command<'EscalateReview', Omit<ReviewEscalatedData, 'transcodeId'>>;
export type ApproveShow = Command<'ApproveShow', Omit<ShowApprovedData, 'showId' | 'transcodeId'>>;
export type RejectShow = Command<'RejectShow', Omit<ShowRejectedData, 'transcodeId'>>;
export type PublishShow = Command<'PublishShow', Omit<ShowPublishedData, 'transcodeId'>>;
export type WithdrawShow = Command<'WithdrawShow', ShowWithdrawnData>;
export type DeleteShow = Command<'DeleteShow', ShowDeletedData>;
export type RecordProcessingFailure = Command<'RecordProcessingFailure', ProcessingFailedData>;
/** An admin's reprocess; `run` is the execution behind the show's status and what Step Functions says of it. */
export type RequestReprocess = Command<'RequestReprocess', { run: RunBehind }>;
/** The creator's or an admin's retry of a failed ingest on the recorded source; `executionName` names the new run. */
export type RetryIngest = Command<'RetryIngest', { run: RunBehind; executionName: string }>;

/** Captions in one language, already validated and stored as WebVTT at `key` (the API's job: it sees the file). */
export type AddCaptions = Command<'AddCaptions', CaptionsAddedData>;
export type RemoveCaptions = Command<'RemoveCaptions', CaptionsRemovedData>;

export type ShowCommand =
  | DraftShow
  | UpdateShowMetadata
  | RequestUpload
  | RecordSourceUploaded
  | StartIngest
  | RecordSourceProbe
  | RecordIngestFailure
  | RetryIngest
  | RequestTranscode
  | RecordTranscodeCompletion
  | RecordTranscodeFailure
  | RequestReview
  | EscalateReview
  | ApproveShow
  | RejectShow
  | PublishShow
  | WithdrawShow
  | DeleteShow
  | RecordProcessingFailure
  | RequestReprocess
  | AddCaptions
  | RemoveCaptions;
