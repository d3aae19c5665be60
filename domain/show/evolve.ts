import { withTrack } from '../captions/tracks';
import type { ShowEvent } from './events';
import type { ShowState } from './state';

type Upload = NonNullable<ShowState['upload']>;
type Transcode = NonNullable<ShowState['transcode']>;

/*
 * evolve is total: it never throws, whatever the order of events. The decider only emits events in a valid
 * order; when a stream says otherwise anyway, the fact wins and missing parts are filled with blanks.
 */

const uploadFor = (state: ShowState, uploadId: string): Upload =>
  state.upload?.uploadId === uploadId
    ? state.upload
    : { uploadId, fileName: '', contentType: '', sizeBytes: 0, expiresAt: '', source: null, executionId: null };

const transcodeFor = (state: ShowState, transcodeId: string): Transcode =>
  state.transcode?.transcodeId === transcodeId
    ? state.transcode
    : { transcodeId, ladder: [], formats: [], status: 'requested', result: null, failure: null };

/** A stage with a failure status of its own says more than ProcessingFailed; a show that left for good stays gone. */
const statusesAFailureKeeps: readonly ShowState['status'][] = ['ingestFailed', 'transcodeFailed', 'rejected', 'withdrawn', 'deleted'];

const blankMetadata = { title: '', description: '', genre: '', language: 'und', premium: false };

// A switch over every event type is long by nature; each case is one small expression.
// eslint-disable-next-line complexity
export const evolveShow = (state: ShowState, event: ShowEvent): ShowState => {
  switch (event.type) {
    case 'ShowDrafted': {
      const { showId, ...metadata } = event.data;
      return { ...state, status: 'draft', showId, metadata };
    }
    case 'ShowMetadataUpdated': {
      const { showId: _showId, ...changes } = event.data;
      return { ...state, metadata: { ...(state.metadata ?? blankMetadata), ...changes } };
    }
    case 'UploadRequested': {
      const { showId: _showId, ...upload } = event.data;
      return {
        ...state,
        status: 'awaitingUpload',
        // A new upload starts the pipeline over: nothing of the previous source applies to it.
        upload: { ...upload, source: null, executionId: null },
        probe: null,
        ingestFailure: null,
        transcode: null,
        review: null,
        processingFailure: null,
      };
    }
    case 'SourceUploaded': {
      const { key, sizeBytes, etag } = event.data;
      const upload = uploadFor(state, event.data.uploadId);
      return { ...state, status: 'uploaded', upload: { ...upload, source: { key, sizeBytes, etag } } };
    }
    case 'IngestStarted': {
      const upload = uploadFor(state, event.data.uploadId);
      return { ...state, status: 'ingesting', upload: { ...upload, executionId: event.data.executionId } };
    }
    case 'SourceProbed':
      return { ...state, status: 'probed', probe: event.data };
    case 'IngestFailed':
      return { ...state, status: 'ingestFailed', ingestFailure: { reason: event.data.reason, message: event.data.message } };
    case 'IngestRetryRequested': {
      // The recorded source stands; the new run starts its ingest over, so nothing of the failed one applies.
      const upload = uploadFor(state, event.data.uploadId);
      return { ...state, status: 'uploaded', upload: { ...upload, executionId: null }, probe: null, ingestFailure: null, processingFailure: null };
    }
    case 'TranscodeRequested': {
      const { transcodeId, ladder, formats } = event.data;
      return {
        ...state,
        status: 'transcoding',
        transcode: { transcodeId, ladder, formats, status: 'requested', result: null, failure: null },
        review: null,
        // A new run: the failure of the previous one no longer stands.
        processingFailure: null,
      };
    }
    case 'TranscodeCompleted': {
      const { transcodeId, renditions, outputs, thumbnailKeys } = event.data;
      const transcode = transcodeFor(state, transcodeId);
      const result = { renditions, outputs, thumbnailKeys };
      return { ...state, status: 'transcoded', transcode: { ...transcode, status: 'completed', result, failure: null } };
    }
    case 'TranscodeFailed': {
      const { transcodeId, reason, message } = event.data;
      const transcode = transcodeFor(state, transcodeId);
      return {
        ...state,
        status: 'transcodeFailed',
        transcode: { ...transcode, status: 'failed', result: null, failure: { reason, message } },
      };
    }
    case 'ReviewRequested':
      return {
        ...state,
        status: 'inReview',
        review: { transcodeId: event.data.transcodeId, status: 'pending', note: null, rejection: null },
      };
    // The review stays pending: only who must decide changed, which the state does not track.
    case 'ReviewEscalated':
      return state;
    case 'ShowApproved': {
      const { transcodeId, note } = event.data;
      return { ...state, status: 'approved', review: { transcodeId, status: 'approved', note: note ?? null, rejection: null } };
    }
    case 'ShowRejected': {
      const { transcodeId, reason, message } = event.data;
      return {
        ...state,
        status: 'rejected',
        review: { transcodeId, status: 'rejected', note: null, rejection: { reason, message } },
      };
    }
    case 'ShowPublished': {
      const { transcodeId, playback, thumbnailUrls } = event.data;
      return { ...state, status: 'published', publication: { transcodeId, playback, thumbnailUrls } };
    }
    case 'ProcessingFailed': {
      const { executionName, stage, error, cause } = event.data;
      // A stage with a failure status of its own (ingest, transcode, a rejection) keeps it: it says more.
      const keepsStatus = statusesAFailureKeeps.includes(state.status);
      return { ...state, status: keepsStatus ? state.status : 'processingFailed', processingFailure: { executionName, stage, error, cause } };
    }
    case 'ShowWithdrawn':
      return { ...state, status: 'withdrawn', withdrawal: { reason: event.data.reason, note: event.data.note ?? null } };
    case 'ShowVisibilityChanged':
      return { ...state, visibility: event.data.visibility };
    case 'ShowDeleted':
      return { ...state, status: 'deleted' };
    case 'CaptionsAdded': {
      const { language, label, key } = event.data;
      return { ...state, captions: withTrack(state.captions, { language, label, key }) };
    }
    case 'CaptionsRemoved':
      return { ...state, captions: state.captions.filter((c) => c.language !== event.data.language) };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
};
