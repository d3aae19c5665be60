import type { ShowEvent } from '../show/events';
import * as f from '../show/fixtures';
import { workflowTimeline } from './timeline';

const at = (events: readonly ShowEvent[]) => events.map((event, index) => ({ event, occurredAt: `2026-03-01T10:00:${String(index).padStart(2, '0')}.000Z` }));

describe('the workflow timeline of a show', () => {
  it('gives each stage its start and end, the execution and the current stage', () => {
    const timeline = workflowTimeline(at(f.upTo.inReview));
    expect(timeline.stages.map((s) => [s.stage, s.status, s.startedAt.slice(17, 19), s.endedAt?.slice(17, 19) ?? null])).toEqual([
      ['upload', 'succeeded', '01', '02'],
      ['ingest', 'succeeded', '03', '04'],
      ['transcode', 'succeeded', '05', '06'],
      ['review', 'running', '07', null],
    ]);
    expect(timeline.currentStage).toBe('review');
    expect(timeline.executionName).toBe('ingest-upload-1');
    expect(timeline.error).toBeNull();
  });

  it('names the stage and reason of a failure, and forgets it when a reprocess starts', () => {
    const failed = [...f.upTo.transcoding, f.transcodeFailed()];
    expect(workflowTimeline(at(failed)).error).toMatchObject({ stage: 'transcode' });
    expect(workflowTimeline(at([...failed, f.transcodeRequested('transcode-2')])).error).toBeNull();
  });

  it('shows the stage a run failed at, keeping a stage failure event\'s own reason', () => {
    const failedAt = (stage: 'review' | 'publish' | 'transcode') =>
      ({ type: 'ProcessingFailed', data: { showId: f.showId, executionName: 'run-1', stage, error: 'States.TaskFailed', cause: 'boom' } }) as const;
    const review = workflowTimeline(at([...f.upTo.inReview, failedAt('review')]));
    expect(review.error).toEqual({ stage: 'review', reason: 'States.TaskFailed', message: 'boom' });
    expect(review.stages.map((s) => `${s.stage}:${s.status}`)).toEqual(['upload:succeeded', 'ingest:succeeded', 'transcode:succeeded', 'review:failed']);

    const publish = workflowTimeline(at([...f.approvedShow, failedAt('publish')]));
    expect(publish.currentStage).toBe('publish');
    expect(publish.stages.at(-1)).toMatchObject({ stage: 'publish', status: 'failed', detail: 'States.TaskFailed: boom' });
    expect(publish.error).toMatchObject({ stage: 'publish' });

    const transcode = workflowTimeline(at([...f.upTo.transcoding, f.transcodeFailed(), failedAt('transcode')]));
    expect(transcode.error).toMatchObject({ stage: 'transcode', reason: f.recordTranscodeFailure().reason });
    expect(transcode.stages.filter((s) => s.stage === 'transcode')).toHaveLength(1);
  });

  it('ends with publish once the show is published', () => {
    const timeline = workflowTimeline(at(f.publishedShow));
    expect(timeline.stages.map((s) => `${s.stage}:${s.status}`)).toEqual(['upload:succeeded', 'ingest:succeeded', 'transcode:succeeded', 'review:succeeded', 'publish:succeeded']);
  });
});
