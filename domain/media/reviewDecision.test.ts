import { decideMachineReview } from './reviewDecision';

describe('machine review', () => {
  it('approves a clean picture with sound', () => {
    expect(decideMachineReview({ durationSeconds: 10, blackSeconds: 0, silenceSeconds: 0 }).decision).toBe('approve');
  });

  it('rejects a picture that is black almost throughout, for video quality', () => {
    expect(decideMachineReview({ durationSeconds: 10, blackSeconds: 9.5, silenceSeconds: 0 })).toEqual({
      decision: 'reject',
      reason: 'VIDEO_QUALITY',
      message: 'The picture is black for 95% of the 10.0 s.',
    });
  });

  it.each([
    ['long silences', { durationSeconds: 10, blackSeconds: 0, silenceSeconds: 4 }],
    ['some black', { durationSeconds: 10, blackSeconds: 3, silenceSeconds: 0 }],
    ['no audio track', { durationSeconds: 10, blackSeconds: 0, silenceSeconds: null }],
  ])('escalates to a human when unsure: %s', (_case, signals) => {
    expect(decideMachineReview(signals).decision).toBe('escalate');
  });
});
