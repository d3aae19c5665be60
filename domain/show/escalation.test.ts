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
