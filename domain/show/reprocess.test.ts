import type { RequestReprocess } from './commands';
import { showDecider } from './decider';
import type { ShowEvent } from './events';
import * as f from './fixtures';
import type { ExecutionStatus } from './stranded';
import { deciderSpec } from './testing';

const { given } = deciderSpec(showDecider);
const admin = { id: 'admin-1', kind: 'user' as const };

const reprocess = (status: ExecutionStatus, executionName = 'run-1'): RequestReprocess => ({
  type: 'RequestReprocess',
  showId: f.showId,
  now: f.now,
  actor: admin,
  run: { executionName, status },
});
const stranded = (stage: 'ingest' | 'transcode' | 'review' | 'publish', status: string, executionName = 'run-1'): ShowEvent => ({
  type: 'ProcessingFailed',
  data: { showId: f.showId, executionName, stage, error: 'Workflow.Stranded', cause: `The workflow stopped without recording an outcome: execution ${executionName} is ${status}.` },
});
const failedRun: ShowEvent = { type: 'ProcessingFailed', data: { showId: f.showId, executionName: 'run-1', stage: 'review', error: 'States.TaskFailed', cause: 'gave up' } };

describe('Show: an admin reprocesses a show whose run has ended', () => {
  it.each([
    ['a failed run', [...f.upTo.inReview, failedRun]],
    ['a failed transcode', [...f.upTo.transcoding, f.transcodeFailed()]],
    ['a rejection', f.rejectedShow],
  ])('after %s, decides nothing: the new run starts over from it', (_label, events) => {
    given(events).when(reprocess('FAILED')).then([]);
    given(events).when(reprocess('SUCCEEDED')).then([]);
  });

  it.each([
    ['transcoding', f.upTo.transcoding, 'transcode', 'ABORTED'],
    ['inReview', f.upTo.inReview, 'review', 'TIMED_OUT'],
    ['transcoded', f.upTo.transcoded, 'review', 'FAILED'],
    ['approved', f.approvedShow, 'publish', 'SUCCEEDED'],
    ['probed', f.upTo.probed, 'transcode', 'FAILED'],
  ] as const)('stuck %s behind a run that ended, records that run as stranded first', (_label, events, stage, status) => {
    given(events).when(reprocess(status)).then([stranded(stage, status)]);
    // The new run's transcode request then starts over from the recorded failure.
    given([...events, stranded(stage, status)]).when(f.requestTranscode('transcode-2')).then([f.transcodeRequested('transcode-2')]);
  });

  it('says when the execution behind the show is not known to Step Functions at all', () => {
    given(f.upTo.transcoding).when(reprocess('NOT_FOUND', 'lost-run')).then([
      { type: 'ProcessingFailed', data: { showId: f.showId, executionName: 'lost-run', stage: 'transcode', error: 'Workflow.Stranded', cause: 'The workflow stopped without recording an outcome: execution lost-run is not known to Step Functions.' } },
    ]);
  });

  it('is refused while the run is still running, whatever the show status', () => {
    given(f.upTo.inReview).when(reprocess('RUNNING')).thenRefuses('REPROCESS_NOT_ALLOWED', 'still RUNNING');
    given(f.upTo.transcoding).when(reprocess('PENDING_REDRIVE')).thenRefuses('REPROCESS_NOT_ALLOWED', 'wait for it to end');
    given([...f.upTo.inReview, failedRun]).when(reprocess('RUNNING')).thenRefuses('REPROCESS_NOT_ALLOWED');
  });

  it('is refused for a show with no probed source to transcode', () => {
    given(f.upTo.awaitingUpload).when(reprocess('NOT_FOUND')).thenRefuses('NOTHING_TO_REPROCESS', 'no probed source');
    given(f.upTo.ingesting).when(reprocess('FAILED')).thenRefuses('NOTHING_TO_REPROCESS');
    given(f.upTo.draft).when(reprocess('FAILED')).thenRefuses('NOTHING_TO_REPROCESS');
  });

  it('is refused for a published, a withdrawn or an unknown show', () => {
    given(f.publishedShow).when(reprocess('SUCCEEDED')).thenRefuses('REPROCESS_NOT_ALLOWED', 'is published');
    given([...f.publishedShow, f.withdrawn]).when(reprocess('SUCCEEDED')).thenRefuses('SHOW_WITHDRAWN');
    given([]).when(reprocess('FAILED')).thenRefuses('SHOW_NOT_FOUND');
  });
});
