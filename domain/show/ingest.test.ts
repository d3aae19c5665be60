import { showDecider } from './decider';
import * as f from './fixtures';
import { deciderSpec } from './testing';

const { given } = deciderSpec(showDecider);

describe('Show: upload', () => {
  it('is requested for a draft, expiring after the upload window', () => {
    given(f.upTo.draft).when(f.requestUpload()).then([f.uploadRequested()]);
  });

  it.each([
    ['a failed ingest', [...f.upTo.ingesting, { type: 'IngestFailed' as const, data: { showId: f.showId, uploadId: 'upload-1', reason: 'SOURCE_UNREADABLE' as const, message: 'moov atom missing' } }]],
    ['a failed transcode', [...f.upTo.transcoding, f.transcodeFailed()]],
    ['a rejection', f.rejectedShow],
    ['a run that stopped (processing failed)', [...f.upTo.inReview, { type: 'ProcessingFailed' as const, data: { showId: f.showId, executionName: 'run-1', stage: 'review' as const, error: 'States.Timeout', cause: 'no decision' } }]],
    ['a pending upload that is being replaced', f.upTo.awaitingUpload],
  ])('is requested again after %s', (_label, events) => {
    given(events).when(f.requestUpload('upload-2')).then([f.uploadRequested('upload-2')]);
  });

  it.each([
    ['uploaded', f.upTo.uploaded],
    ['ingesting', f.upTo.ingesting],
    ['probed', f.upTo.probed],
    ['transcoding', f.upTo.transcoding],
    ['inReview', f.upTo.inReview],
    ['approved', f.approvedShow],
    ['published', f.publishedShow],
  ])('is refused while the show is %s', (status, events) => {
    given(events).when(f.requestUpload('upload-2')).thenRefuses('UPLOAD_NOT_ALLOWED', `is ${status}`);
  });

  it('refuses to reuse the current upload id', () => {
    given(f.upTo.awaitingUpload).when(f.requestUpload()).thenRefuses('UPLOAD_ID_REUSED');
  });

  it.each(['trailer.m3u8', 'notes.txt', 'noextension'])('refuses a file that is not a supported video: %s', (fileName) => {
    given(f.upTo.draft).when({ ...f.requestUpload(), fileName }).thenRefuses('UNSUPPORTED_SOURCE_FORMAT', '.mp4');
  });

  it.each(['camera.MTS', 'bluray.m2ts', 'broadcast.ts', 'export.mkv', 'clip.webm', 'phone.MOV'])('accepts every common container: %s', (fileName) => {
    given(f.upTo.draft).when({ ...f.requestUpload(), fileName }).then([expect.objectContaining({ type: 'UploadRequested' })]);
  });

  it('resets the pipeline of the previous upload', () => {
    const state = given([...f.rejectedShow, f.uploadRequested('upload-2')]).state();
    expect(state).toMatchObject({ status: 'awaitingUpload', probe: null, transcode: null, review: null });
    expect(state.upload?.uploadId).toBe('upload-2');
  });
});

describe('Show: source arrival', () => {
  it('is recorded for the current upload', () => {
    given(f.upTo.awaitingUpload).when(f.recordSourceUploaded()).then([f.sourceUploaded()]);
  });

  it('is refused for an upload that was replaced', () => {
    given([...f.upTo.awaitingUpload, f.uploadRequested('upload-2')])
      .when(f.recordSourceUploaded('upload-1'))
      .thenRefuses('UPLOAD_MISMATCH', 'upload-2');
  });

  it('is recorded once', () => {
    given(f.upTo.uploaded).when(f.recordSourceUploaded()).thenRefuses('SOURCE_NOT_EXPECTED');
  });
});

describe('Show: ingest', () => {
  it('starts after the upload', () => {
    given(f.upTo.uploaded).when(f.startIngest()).then([f.ingestStarted()]);
  });

  it('does not start before the source arrived', () => {
    given(f.upTo.awaitingUpload).when(f.startIngest()).thenRefuses('INGEST_NOT_ALLOWED', 'is awaitingUpload');
  });

  it('starts once', () => {
    given(f.upTo.ingesting).when(f.startIngest()).thenRefuses('INGEST_NOT_ALLOWED');
  });

  it('records the probe while ingesting', () => {
    given(f.upTo.ingesting).when(f.recordSourceProbe()).then([f.sourceProbed()]);
  });

  it('records a probe with no video stream as a probe and a failed ingest', () => {
    given(f.upTo.ingesting)
      .when({ ...f.recordSourceProbe(), container: 'mp3', video: [] })
      .then([
        { type: 'SourceProbed', data: { showId: f.showId, ...f.probe('upload-1'), container: 'mp3', video: [] } },
        {
          type: 'IngestFailed',
          data: { showId: f.showId, uploadId: 'upload-1', reason: 'NO_VIDEO_STREAM', message: 'The source of upload upload-1 has no video stream (container mp3).' },
        },
      ]);
  });

  it('refuses a probe outside ingest', () => {
    given(f.upTo.uploaded).when(f.recordSourceProbe()).thenRefuses('PROBE_NOT_EXPECTED');
    given(f.upTo.probed).when(f.recordSourceProbe()).thenRefuses('PROBE_NOT_EXPECTED');
  });

  it('refuses a probe of another upload', () => {
    given(f.upTo.ingesting).when(f.recordSourceProbe('upload-0')).thenRefuses('UPLOAD_MISMATCH');
  });

  const ingestFailure = { type: 'RecordIngestFailure' as const, showId: f.showId, now: f.now, actor: f.workflow, uploadId: 'upload-1' };
  const failure = { reason: 'SOURCE_MISSING' as const, message: 'The object was deleted before ingest' };

  it.each([
    ['uploaded', f.upTo.uploaded],
    ['ingesting', f.upTo.ingesting],
  ])('records an ingest failure while %s', (_status, events) => {
    given(events)
      .when({ ...ingestFailure, ...failure })
      .then([{ type: 'IngestFailed', data: { showId: f.showId, uploadId: 'upload-1', ...failure } }]);
  });

  it('records an empty object as a failed ingest before any source is recorded', () => {
    const empty = { reason: 'SOURCE_UNREADABLE' as const, message: 'the file is empty' };
    given(f.upTo.awaitingUpload)
      .when({ ...ingestFailure, ...empty })
      .then([{ type: 'IngestFailed', data: { showId: f.showId, uploadId: 'upload-1', ...empty } }]);
  });

  it('records a failed ingest once: the same empty object notified again decides nothing new', () => {
    const empty = { reason: 'SOURCE_UNREADABLE' as const, message: 'the file is empty' };
    given([...f.upTo.awaitingUpload, { type: 'IngestFailed', data: { showId: f.showId, uploadId: 'upload-1', ...empty } }])
      .when({ ...ingestFailure, ...empty })
      .thenRefuses('INGEST_NOT_IN_PROGRESS', 'is ingestFailed');
  });

  it('refuses an ingest failure once the probe succeeded', () => {
    given(f.upTo.probed).when({ ...ingestFailure, ...failure }).thenRefuses('INGEST_NOT_IN_PROGRESS');
  });
});
