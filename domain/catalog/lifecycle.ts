import type { ShowEvent } from '../show/events';
import type { CatalogEntry } from './entry';

type Lifecycle = Pick<CatalogEntry, 'status' | 'stage' | 'problem' | 'transcodeId'>;
type Change = Partial<Lifecycle>;

const processing = (stage: NonNullable<Lifecycle['stage']>): Change => ({ status: 'processing', stage, problem: null });
const failed = (stage: NonNullable<Lifecycle['stage']>, reason: string, message: string): Change => ({ status: 'failed', stage, problem: { reason, message } });

/** The lifecycle change each workflow event makes; undefined for events that leave it as it is. */
// A switch over the events that move a show; each case is one small expression.
// eslint-disable-next-line complexity
const changeOf = (event: ShowEvent, current: Lifecycle): Change | undefined => {
  switch (event.type) {
    case 'UploadRequested':
      // A new upload starts over: nothing of the previous run stands.
      return { status: 'awaitingUpload', stage: null, problem: null, transcodeId: null };
    case 'SourceUploaded':
    case 'IngestStarted':
    case 'IngestRetryRequested':
      return processing('ingest');
    case 'SourceProbed':
      return processing('transcode');
    case 'IngestFailed':
      return failed('ingest', event.data.reason, event.data.message);
    case 'TranscodeRequested':
      return { ...processing('transcode'), transcodeId: event.data.transcodeId };
    case 'TranscodeCompleted':
      return processing('review');
    case 'TranscodeFailed':
      return failed('transcode', event.data.reason, event.data.message);
    case 'ReviewRequested':
      return { status: 'awaitingReview', stage: 'review', problem: null };
    case 'ShowApproved':
      return processing('publish');
    case 'ShowRejected':
      return { status: 'rejected', stage: 'review', problem: { reason: event.data.reason, message: event.data.message } };
    case 'ShowPublished':
      return { status: 'published', stage: null, problem: null };
    case 'ProcessingFailed':
      // A rejection or a stage's own failure says more than the run's failure: it stands.
      return current.status === 'rejected' || current.status === 'failed' ? undefined : failed(event.data.stage, event.data.error, event.data.cause);
    case 'ShowWithdrawn':
      return { status: 'withdrawn' };
    case 'ShowDeleted':
      return { status: 'deleted' };
    default:
      return undefined;
  }
};

/** Whether the show left the catalogue for good: nothing moves it any more. */
export const hasLeft = (entry: Pick<CatalogEntry, 'status'>): boolean => entry.status === 'withdrawn' || entry.status === 'deleted';

/** The entry's lifecycle after one more event of its show. */
export const nextLifecycle = (entry: CatalogEntry, event: ShowEvent): Lifecycle => {
  const current = { status: entry.status, stage: entry.stage, problem: entry.problem, transcodeId: entry.transcodeId };
  // A withdrawn show may still be deleted (its media goes); nothing else moves a show that left.
  if (hasLeft(entry) && event.type !== 'ShowDeleted') return current;
  return { ...current, ...changeOf(event, current) };
};
