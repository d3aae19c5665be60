import type { RetryIngest } from './commands';
import { showDecider } from './decider';
import type { ShowEvent } from './events';
import * as f from './fixtures';
import type { ExecutionStatus } from './stranded';
import { deciderSpec } from './testing';

const { given } = deciderSpec(showDecider);

const retry = (status: ExecutionStatus = 'SUCCEEDED'): RetryIngest => ({
  type: 'RetryIngest',
  showId: f.showId,
  now: f.now,
  actor: f.owner,
  run: { executionName: 'run-1', status },
  executionName: 'retry-1',
});
const ingestFailed = (reason: 'PROBE_TIMED_OUT' | 'SOURCE_UNREADABLE' | 'NO_VIDEO_STREAM' | 'UNSUPPORTED_FORMAT', message = 'ffprobe gave up'): ShowEvent => ({
  type: 'IngestFailed',
  data: { showId: f.showId, uploadId: 'upload-1', reason, message },
});
const ingestCrashed: ShowEvent = { type: 'ProcessingFailed', data: { showId: f.showId, executionName: 'run-1', stage: 'ingest', error: 'Lambda.Unknown', cause: 'the task crashed' } };
const retried: ShowEvent = { type: 'IngestRetryRequested', data: { showId: f.showId, uploadId: 'upload-1', executionName: 'retry-1' } };

describe('Show: a failed ingest is retried on the recorded source', () => {
  it.each([
    ['the probe timed out', [...f.upTo.ingesting, ingestFailed('PROBE_TIMED_OUT')]],
    ['the source could not be read', [...f.upTo.ingesting, ingestFailed('SOURCE_UNREADABLE')]],
    ['the ingest task crashed', [...f.upTo.ingesting, ingestCrashed]],
  ])('when %s, records the retry of the same upload under the new run', (_label, events) => {
    given(events).when(retry()).then([retried]);
  });

  it('leaves the show uploaded with nothing of the failed attempt, so the new run ingests it again', () => {
    const state = given([...f.upTo.ingesting, ingestFailed('PROBE_TIMED_OUT'), retried]).state();
    expect(state).toMatchObject({ status: 'uploaded', ingestFailure: null, probe: null, processingFailure: null });
    expect(state.upload).toMatchObject({ uploadId: 'upload-1', executionId: null, source: { key: expect.any(String) as string } });
    given([...f.upTo.ingesting, ingestFailed('PROBE_TIMED_OUT'), retried]).when(f.startIngest()).then([f.ingestStarted()]);
  });

  it.each([
    ['no video stream', 'NO_VIDEO_STREAM'],
    ['an unsupported format', 'UNSUPPORTED_FORMAT'],
  ] as const)('refuses a source with %s: the same bytes would fail the same way', (_label, reason) => {
    given([...f.upTo.ingesting, ingestFailed(reason, 'the file has no video')]).when(retry()).thenRefuses('INGEST_RETRY_NOT_ALLOWED', 'Upload a new source');
  });

  it('refuses when no source was recorded (an empty file), naming the route that uploads a new one', () => {
    const empty: ShowEvent = { type: 'IngestFailed', data: { showId: f.showId, uploadId: 'upload-1', reason: 'SOURCE_UNREADABLE', message: 'the file is empty' } };
    given([...f.upTo.awaitingUpload, empty]).when(retry()).thenRefuses('INGEST_RETRY_NOT_ALLOWED', 'the file is empty');
    given([...f.upTo.awaitingUpload, empty]).when(retry()).thenRefuses('INGEST_RETRY_NOT_ALLOWED', `POST /shows/${f.showId}/uploads`);
  });

  it('refuses while the failed run is still live, and for a show whose ingest did not fail', () => {
    given([...f.upTo.ingesting, ingestCrashed]).when(retry('RUNNING')).thenRefuses('INGEST_RETRY_NOT_ALLOWED', 'still RUNNING');
    given(f.upTo.ingesting).when(retry()).thenRefuses('INGEST_RETRY_NOT_ALLOWED', 'is ingesting');
    given([...f.upTo.inReview, { type: 'ProcessingFailed', data: { showId: f.showId, executionName: 'run-1', stage: 'review', error: 'x', cause: 'y' } }])
      .when(retry())
      .thenRefuses('INGEST_RETRY_NOT_ALLOWED', 'only a show whose ingest failed');
    given([]).when(retry()).thenRefuses('SHOW_NOT_FOUND');
  });
});
