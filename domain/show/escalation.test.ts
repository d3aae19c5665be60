import type { EscalateReview } from './commands';
import { showDecider } from './decider';
import * as f from './fixtures';
import { deciderSpec } from './testing';

const { given } = deciderSpec(showDecider);

const escalate: EscalateReview = { type: 'EscalateReview', showId: f.showId, now: f.now, actor: f.workflow, reason: 'TIMED_OUT', message: 'nobody decided in 7 days' };
const escalated = { type: 'ReviewEscalated' as const, data: { showId: f.showId, transcodeId: 'transcode-1', reason: 'TIMED_OUT' as const, message: 'nobody decided in 7 days' } };

describe('Show: review escalation', () => {
  it('records that a pending review needs a human, naming the transcode under review', () => {
    given(f.upTo.inReview).when(escalate).then([escalated]);
  });

  it('records the machine reviewer\'s assessment with its escalation, and with its decisions, so a human sees why', () => {
    const assessment = { signals: { durationSeconds: 10, blackShare: 0, silenceShare: 0 }, moderation: { model: 'nsfwjs-mobilenet-v2', framesScored: 10, scores: { Porn: 0.5, Neutral: 0.5 } } };
    const unsure = { ...escalate, actor: f.workflow, reason: 'MACHINE_UNSURE' as const, message: 'Porn 0.50', assessment };
    given(f.upTo.inReview).when(unsure).then([{ type: 'ReviewEscalated', data: { showId: f.showId, transcodeId: 'transcode-1', reason: 'MACHINE_UNSURE', message: 'Porn 0.50', assessment } }]);
    given(f.upTo.inReview).when({ ...f.approveShow, assessment }).then([{ type: 'ShowApproved', data: { showId: f.showId, transcodeId: 'transcode-1', note: 'Lovely', assessment } }]);
    given(f.upTo.inReview)
      .when({ type: 'RejectShow', showId: f.showId, now: f.now, actor: f.workflow, reason: 'CONTENT_POLICY', message: 'Porn 0.90', assessment })
      .then([{ type: 'ShowRejected', data: { showId: f.showId, transcodeId: 'transcode-1', reason: 'CONTENT_POLICY', message: 'Porn 0.90', assessment } }]);
  });

  it('keeps the review pending, so a human can still approve', () => {
    given([...f.upTo.inReview, escalated]).when(f.approveShow).then([f.approved()]);
  });

  it.each([
    ['transcoded', f.upTo.transcoded],
    ['approved', f.approvedShow],
    ['rejected', f.rejectedShow],
  ])('is refused when the show is %s (no pending review)', (_status, events) => {
    given(events).when(escalate).thenRefuses('REVIEW_NOT_PENDING');
  });
});
