import { decideMachineReviewWithModeration, judgeModeration, maxPerCategory, type ModerationPolicy } from './moderation';
import { defaultMachineReviewPolicy, type MediaSignals } from './reviewDecision';

const policy: ModerationPolicy = { Porn: { escalate: 0.4, reject: 0.85 }, Sexy: { escalate: 0.6, reject: 0.95 } };
const policies = { media: defaultMachineReviewPolicy, moderation: policy };
const cleanMedia: MediaSignals = { durationSeconds: 10, blackSeconds: 0, silenceSeconds: 0 };
const scored = (scores: Record<string, number>, framesScored = 10) => ({ model: 'nsfwjs-mobilenet-v2', framesScored, scores });

describe('content moderation thresholds', () => {
  it('given scores below every escalate threshold, when judged, then clear', () => {
    expect(judgeModeration(scored({ Neutral: 0.9, Porn: 0.39, Sexy: 0.59 }), policy)).toEqual({ outcome: 'clear' });
  });

  it('given a category at its escalate threshold but below its reject threshold, when judged, then unsure, naming it', () => {
    expect(judgeModeration(scored({ Porn: 0.4, Sexy: 0.1 }), policy)).toEqual({ outcome: 'unsure', findings: [{ category: 'Porn', score: 0.4, threshold: 0.4 }] });
  });

  it('given a category at its reject threshold, when judged, then flagged, even when another is only unsure', () => {
    expect(judgeModeration(scored({ Porn: 0.5, Sexy: 0.97 }), policy)).toEqual({ outcome: 'flagged', findings: [{ category: 'Sexy', score: 0.97, threshold: 0.95 }] });
  });

  it('given categories without thresholds scoring high (Neutral, Drawing), when judged, then they do not count', () => {
    expect(judgeModeration(scored({ Drawing: 0.99, Neutral: 0.99 }), policy)).toEqual({ outcome: 'clear' });
  });

  it('keeps the highest score of each category over the frames', () => {
    expect(maxPerCategory([{ Porn: 0.1, Neutral: 0.9 }, { Porn: 0.6, Neutral: 0.3 }, { Sexy: 0.2 }])).toEqual({ Porn: 0.6, Neutral: 0.9, Sexy: 0.2 });
  });
});

describe('the machine review with moderation', () => {
  it('given clean media and clear content, then it approves, the note giving the scores', () => {
    const { outcome } = decideMachineReviewWithModeration(cleanMedia, scored({ Neutral: 0.95, Porn: 0.01 }), policies);
    expect(outcome).toEqual({ decision: 'approve', note: 'Machine review: black 0%, silence 0%. Content moderation clear (nsfwjs-mobilenet-v2 over 10 frames: Neutral 0.95, Porn 0.01).' });
  });

  it('given clean media and a flagged category, then it rejects for content policy, saying which and against what', () => {
    const { outcome } = decideMachineReviewWithModeration(cleanMedia, scored({ Porn: 0.9 }), policies);
    expect(outcome).toEqual({ decision: 'reject', reason: 'CONTENT_POLICY', message: 'Content moderation: Porn 0.90 (reject at 0.85).' });
  });

  it('given a black picture and flagged content, then the content rejection wins', () => {
    const { outcome } = decideMachineReviewWithModeration({ durationSeconds: 10, blackSeconds: 10, silenceSeconds: 0 }, scored({ Porn: 0.9 }), policies);
    expect(outcome).toMatchObject({ decision: 'reject', reason: 'CONTENT_POLICY' });
  });

  it('given a black picture and clear content, then it rejects for video quality', () => {
    const { outcome } = decideMachineReviewWithModeration({ durationSeconds: 10, blackSeconds: 10, silenceSeconds: 0 }, scored({ Porn: 0.01 }), policies);
    expect(outcome).toMatchObject({ decision: 'reject', reason: 'VIDEO_QUALITY' });
  });

  it('given clean media and unsure content, then it escalates to a human with the scores', () => {
    const { outcome } = decideMachineReviewWithModeration(cleanMedia, scored({ Porn: 0.5 }), policies);
    expect(outcome).toEqual({ decision: 'escalate', message: 'Content moderation unsure: Porn 0.50 (escalate at 0.40).' });
  });

  it('given long silences and unsure content, then it escalates, giving both reasons', () => {
    const { outcome } = decideMachineReviewWithModeration({ durationSeconds: 10, blackSeconds: 0, silenceSeconds: 4 }, scored({ Sexy: 0.7 }), policies);
    expect(outcome).toEqual({ decision: 'escalate', message: 'Unsure: black for 0% and silent for 40% of the 10.0 s. Content moderation unsure: Sexy 0.70 (escalate at 0.60).' });
  });

  it('given long silences and clear content, then it escalates for the silences', () => {
    const { outcome } = decideMachineReviewWithModeration({ durationSeconds: 10, blackSeconds: 0, silenceSeconds: 4 }, scored({ Porn: 0 }), policies);
    expect(outcome.decision).toBe('escalate');
  });

  it('given no frame scored, then a human looks', () => {
    const { outcome } = decideMachineReviewWithModeration(cleanMedia, scored({}, 0), policies);
    expect(outcome).toEqual({ decision: 'escalate', message: 'Content moderation scored no frame (nsfwjs-mobilenet-v2).' });
  });

  it('given moderation off, then the media signals alone decide', () => {
    const { outcome, assessment } = decideMachineReviewWithModeration(cleanMedia, null, policies);
    expect(outcome.decision).toBe('approve');
    expect(assessment.moderation).toBeNull();
  });

  it('records the signals as shares and the scores as they came', () => {
    const scores = scored({ Porn: 0.2, Neutral: 0.8 });
    expect(decideMachineReviewWithModeration({ durationSeconds: 20, blackSeconds: 1, silenceSeconds: null }, scores, policies).assessment).toEqual({
      signals: { durationSeconds: 20, blackShare: 0.05, silenceShare: null },
      moderation: scores,
    });
  });
});
