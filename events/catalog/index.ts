import { captionsAdded } from './captionsAdded';
import { captionsRemoved } from './captionsRemoved';
import { ingestFailed } from './ingestFailed';
import { ingestRetryRequested } from './ingestRetryRequested';
import { ingestStarted } from './ingestStarted';
import { processingFailed } from './processingFailed';
import { reviewEscalated } from './reviewEscalated';
import { reviewRequested } from './reviewRequested';
import { showApproved } from './showApproved';
import { showDeleted } from './showDeleted';
import { showDrafted } from './showDrafted';
import { showMetadataUpdated } from './showMetadataUpdated';
import { showPublished } from './showPublished';
import { showRejected } from './showRejected';
import { showVisibilityChanged } from './showVisibilityChanged';
import { showWithdrawn } from './showWithdrawn';
import { sourceProbed } from './sourceProbed';
import { sourceUploaded } from './sourceUploaded';
import { transcodeCompleted } from './transcodeCompleted';
import { transcodeFailed } from './transcodeFailed';
import { transcodeRequested } from './transcodeRequested';
import { uploadRequested } from './uploadRequested';

/** Every event of a Show's life, in the order a show usually meets them. */
export const showContracts = [
  showDrafted,
  uploadRequested,
  sourceUploaded,
  ingestStarted,
  sourceProbed,
  ingestFailed,
  ingestRetryRequested,
  transcodeRequested,
  transcodeCompleted,
  transcodeFailed,
  reviewRequested,
  reviewEscalated,
  showApproved,
  showRejected,
  showPublished,
  showWithdrawn,
  showMetadataUpdated,
  processingFailed,
  showVisibilityChanged,
  showDeleted,
  captionsAdded,
  captionsRemoved,
] as const;

export type ShowContract = (typeof showContracts)[number];

export {
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
};
