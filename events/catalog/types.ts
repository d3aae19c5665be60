import type { DomainEventOf, EventDataOf } from '../contract';
import type {
  ShowContract,
  captionsAdded,
  captionsRemoved,
  ingestFailed,
  ingestRetryRequested,
  ingestStarted,
  processingFailed,
  reviewEscalated,
  reviewRequested,
  showApproved,
  showDeleted,
  showDrafted,
  showMetadataUpdated,
  showPublished,
  showRejected,
  showVisibilityChanged,
  showWithdrawn,
  sourceProbed,
  sourceUploaded,
  transcodeCompleted,
  transcodeFailed,
  transcodeRequested,
  uploadRequested,
} from './index';

/** Any Show event as `{ type, data }` at its current schema version. */
export type ShowDomainEvent = DomainEventOf<ShowContract>;

export type ShowDraftedData = EventDataOf<typeof showDrafted>;
export type UploadRequestedData = EventDataOf<typeof uploadRequested>;
export type SourceUploadedData = EventDataOf<typeof sourceUploaded>;
export type IngestStartedData = EventDataOf<typeof ingestStarted>;
export type SourceProbedData = EventDataOf<typeof sourceProbed>;
export type IngestFailedData = EventDataOf<typeof ingestFailed>;
export type IngestRetryRequestedData = EventDataOf<typeof ingestRetryRequested>;
export type TranscodeRequestedData = EventDataOf<typeof transcodeRequested>;
export type TranscodeCompletedData = EventDataOf<typeof transcodeCompleted>;
export type TranscodeFailedData = EventDataOf<typeof transcodeFailed>;
export type ReviewEscalatedData = EventDataOf<typeof reviewEscalated>;
export type ReviewRequestedData = EventDataOf<typeof reviewRequested>;
export type ShowApprovedData = EventDataOf<typeof showApproved>;
export type ShowRejectedData = EventDataOf<typeof showRejected>;
export type ShowPublishedData = EventDataOf<typeof showPublished>;
export type ShowWithdrawnData = EventDataOf<typeof showWithdrawn>;
export type ShowMetadataUpdatedData = EventDataOf<typeof showMetadataUpdated>;
export type ProcessingFailedData = EventDataOf<typeof processingFailed>;
export type ShowVisibilityChangedData = EventDataOf<typeof showVisibilityChanged>;
export type ShowDeletedData = EventDataOf<typeof showDeleted>;
export type CaptionsAddedData = EventDataOf<typeof captionsAdded>;
export type CaptionsRemovedData = EventDataOf<typeof captionsRemoved>;
