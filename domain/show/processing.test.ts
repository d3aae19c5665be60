import { showDecider } from './decider';
import * as f from './fixtures';
import { deciderSpec } from './testing';

const { given } = deciderSpec(showDecider);

describe('Show: transcode', () => {
  it('is requested after a successful probe, with the ladder the source deserves', () => {
    given(f.upTo.probed).when(f.requestTranscode()).then([f.transcodeRequested()]);
  });

  it.each([
    ['draft', f.upTo.draft],
    ['uploaded', f.upTo.uploaded],
    ['ingesting', f.upTo.ingesting],
    ['transcoding', f.upTo.transcoding],
    ['inReview', f.upTo.inReview],
    ['published', f.publishedShow],
  ])('is refused while the show is %s', (status, events) => {
    given(events).when(f.requestTranscode('transcode-2')).thenRefuses('TRANSCODE_NOT_ALLOWED', `is ${status}`);
  });

  it('is refused after a failed ingest, even when the probe was recorded', () => {
    const noVideo = { type: 'SourceProbed' as const, data: { showId: f.showId, ...f.probe('upload-1'), video: [] } };
    const failed = {
      type: 'IngestFailed' as const,
      data: { showId: f.showId, uploadId: 'upload-1', reason: 'NO_VIDEO_STREAM' as const, message: 'no video' },
    };
    given([...f.upTo.ingesting, noVideo, failed]).when(f.requestTranscode()).thenRefuses('TRANSCODE_NOT_ALLOWED');
  });

  it('is requested again after a failure (a reprocess of the same source)', () => {
    given([...f.upTo.transcoding, f.transcodeFailed()])
      .when(f.requestTranscode('transcode-2'))
      .then([f.transcodeRequested('transcode-2')]);
  });

  it('is requested again after a rejection (a reprocess of the same source)', () => {
    given(f.rejectedShow).when(f.requestTranscode('transcode-2')).then([f.transcodeRequested('transcode-2')]);
  });

  it('refuses to reuse the id of the previous transcode', () => {
    given(f.rejectedShow).when(f.requestTranscode('transcode-1')).thenRefuses('TRANSCODE_ID_REUSED');
  });

  it('records the completion of the running transcode', () => {
    given(f.upTo.transcoding).when(f.recordTranscodeCompletion()).then([f.transcodeCompleted()]);
  });

  it('records the failure of the running transcode', () => {
    given(f.upTo.transcoding).when(f.recordTranscodeFailure()).then([f.transcodeFailed()]);
  });

  it('refuses a result for another transcode than the running one', () => {
    const reprocessing = [...f.upTo.transcoding, f.transcodeFailed(), f.transcodeRequested('transcode-2')];
    given(reprocessing).when(f.recordTranscodeCompletion('transcode-1')).thenRefuses('TRANSCODE_MISMATCH', 'transcode-2');
    given(reprocessing).when(f.recordTranscodeFailure('transcode-1')).thenRefuses('TRANSCODE_MISMATCH');
  });

  it('refuses a result when no transcode is running', () => {
    given(f.upTo.transcoded).when(f.recordTranscodeCompletion()).thenRefuses('TRANSCODE_NOT_IN_PROGRESS');
    given(f.upTo.probed).when(f.recordTranscodeFailure()).thenRefuses('TRANSCODE_NOT_IN_PROGRESS');
  });

  it('exposes the latest outputs in the state', () => {
    expect(given(f.upTo.transcoded).state().transcode).toMatchObject({
      transcodeId: 'transcode-1',
      status: 'completed',
      ladder: f.ladderFor1080,
      result: { thumbnailKeys: ['outputs/show-1/transcode-1/thumbnails/0001.jpg'] },
    });
  });
});

describe('Show: review', () => {
  it('is requested for a completed transcode', () => {
    given(f.upTo.transcoded).when(f.requestReview).then([f.reviewRequested()]);
  });

  it.each([
    ['transcoding', f.upTo.transcoding],
    ['inReview', f.upTo.inReview],
    ['approved', f.approvedShow],
  ])('is refused while the show is %s', (status, events) => {
    given(events).when(f.requestReview).thenRefuses('REVIEW_NOT_ALLOWED', `is ${status}`);
  });

  it('approves a pending review', () => {
    given(f.upTo.inReview).when(f.approveShow).then([f.approved()]);
  });

  it('rejects a pending review', () => {
    given(f.upTo.inReview).when(f.rejectShow).then([f.rejected()]);
  });

  it.each([
    ['before any transcode', f.upTo.probed],
    ['after a transcode, before a review is requested', f.upTo.transcoded],
    ['after a failed transcode', [...f.upTo.transcoding, f.transcodeFailed()]],
    ['twice', f.approvedShow],
    ['after a rejection', f.rejectedShow],
  ])('refuses approval %s', (_label, events) => {
    given(events).when(f.approveShow).thenRefuses('REVIEW_NOT_PENDING', 'request a review first');
  });

  it('refuses rejection without a pending review', () => {
    given(f.upTo.transcoded).when(f.rejectShow).thenRefuses('REVIEW_NOT_PENDING');
  });

  it('shows the review outcome in the state', () => {
    expect(given(f.rejectedShow).state().review).toEqual({
      transcodeId: 'transcode-1',
      status: 'rejected',
      note: null,
      rejection: { reason: 'AUDIO_QUALITY', message: 'Audio drifts out of sync after 40 minutes' },
    });
  });

  it('needs a new review after a reprocess: the old approval does not carry over', () => {
    const reprocessed = [...f.rejectedShow, f.transcodeRequested('transcode-2'), f.transcodeCompleted('transcode-2')];
    given(reprocessed).when(f.approveShow).thenRefuses('REVIEW_NOT_PENDING');
    given(reprocessed).when(f.requestReview).then([f.reviewRequested('transcode-2')]);
  });
});

describe('Show: publication', () => {
  it('publishes an approved show', () => {
    given(f.approvedShow).when(f.publishShow).then([f.published()]);
  });

  it.each([
    ['inReview', f.upTo.inReview],
    ['rejected', [...f.rejectedShow]],
    ['transcoded', f.upTo.transcoded],
    ['published', f.publishedShow],
  ])('is refused while the show is %s', (status, events) => {
    given(events).when(f.publishShow).thenRefuses('SHOW_NOT_APPROVED', `is ${status}`);
  });

  it('refuses playback in a format the approved transcode did not produce', () => {
    const withMp4 = { ...f.publishShow, playback: [...f.publishShow.playback, { format: 'mp4' as const, url: 'https://cdn.example.com/a.mp4' }] };
    given(f.approvedShow).when(withMp4).thenRefuses('PLAYBACK_FORMAT_NOT_TRANSCODED', 'mp4');
  });
});
