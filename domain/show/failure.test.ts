import type { RecordProcessingFailure } from './commands';
import { showDecider } from './decider';
import type { ShowEvent } from './events';
import * as f from './fixtures';
import { deciderSpec } from './testing';

const { given } = deciderSpec(showDecider);

const recordFailure = (stage: RecordProcessingFailure['stage'], executionName = 'run-1'): RecordProcessingFailure => ({
  type: 'RecordProcessingFailure',
  showId: f.showId,
  now: f.now,
  actor: f.workflow,
  executionName,
  stage,
  error: 'States.TaskFailed',
  cause: 'the task failed',
});
const processingFailed = (stage: RecordProcessingFailure['stage'], executionName = 'run-1'): ShowEvent => ({
  type: 'ProcessingFailed',
  data: { showId: f.showId, executionName, stage, error: 'States.TaskFailed', cause: 'the task failed' },
});

describe('Show: a failed workflow run', () => {
  it('is recorded with its stage, error and cause, and the show can be reprocessed', () => {
    given(f.upTo.inReview).when(recordFailure('review')).then([processingFailed('review')]);
    const after = given([...f.upTo.inReview, processingFailed('review')]);
    expect(after.state()).toMatchObject({ status: 'processingFailed', processingFailure: { stage: 'review', executionName: 'run-1' } });
    after.when(f.requestTranscode('transcode-2')).then([f.transcodeRequested('transcode-2')]);
  });

  it('after an approval (publish failed) leaves the show unpublished and reprocessable', () => {
    const failed = given([...f.approvedShow, processingFailed('publish')]);
    expect(failed.state().status).toBe('processingFailed');
    failed.when(f.publishShow).thenRefuses('SHOW_NOT_APPROVED');
    failed.when(f.requestTranscode('transcode-2')).then([f.transcodeRequested('transcode-2')]);
  });

  it('is recorded once per execution: the same run failing again decides nothing', () => {
    given([...f.upTo.inReview, processingFailed('review')]).when(recordFailure('review')).then([]);
    given([...f.upTo.inReview, processingFailed('review')]).when(recordFailure('review', 'run-2')).then([processingFailed('review', 'run-2')]);
  });

  it('keeps the more specific status of a stage that has one', () => {
    const state = given([...f.upTo.transcoding, f.transcodeFailed(), processingFailed('transcode')]).state();
    expect(state.status).toBe('transcodeFailed');
    expect(state.processingFailure?.stage).toBe('transcode');
  });

  it('is forgotten when a new run starts a transcode', () => {
    const state = given([...f.upTo.inReview, processingFailed('review'), f.transcodeRequested('transcode-2')]).state();
    expect(state).toMatchObject({ status: 'transcoding', processingFailure: null });
  });

  it('lets the owner upload a new source', () => {
    given([...f.upTo.inReview, processingFailed('review')]).when(f.requestUpload('upload-2')).then([f.uploadRequested('upload-2')]);
  });

  it('is refused for a published show and for a show that does not exist', () => {
    given(f.publishedShow).when(recordFailure('publish')).thenRefuses('PROCESSING_FAILURE_NOT_EXPECTED', 'is published');
    given([]).when(recordFailure('ingest')).thenRefuses('SHOW_NOT_FOUND');
  });
});
