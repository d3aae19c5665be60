import type { ModerationScores, ReviewAssessment } from '../../events/catalog/reviewAssessment';
import { decideMachineReview, type MachineReview, type MachineReviewPolicy, type MediaSignals } from './reviewDecision';

/** Per category: at or above `escalate` a human must look; at or above `reject` the machine rejects. */
export interface CategoryThresholds {
  readonly escalate: number;
  readonly reject: number;
}

/** The categories that count, with their thresholds; a category without thresholds (Neutral, Drawing) never does. */
export type ModerationPolicy = Readonly<Record<string, CategoryThresholds>>;

/** What a content moderator sees in a source: the scores, or that it is off in this deployment (null). */
export type ModerationResult = ModerationScores | null;

/** One category over its threshold. */
interface Finding {
  readonly category: string;
  readonly score: number;
  readonly threshold: number;
}

export type ModerationJudgement =
  | { readonly outcome: 'clear' }
  | { readonly outcome: 'unsure'; readonly findings: readonly Finding[] }
  | { readonly outcome: 'flagged'; readonly findings: readonly Finding[] };

/** The highest score of each category over all frames: one bad frame is enough to look. */
export const maxPerCategory = (frames: readonly Readonly<Record<string, number>>[]): Record<string, number> => {
  const max: Record<string, number> = {};
  for (const frame of frames) {
    for (const [category, score] of Object.entries(frame)) max[category] = Math.max(max[category] ?? 0, score);
  }
  return max;
};

const findingsAt = (scores: ModerationScores, policy: ModerationPolicy, level: keyof CategoryThresholds): Finding[] =>
  Object.entries(policy)
    .map(([category, thresholds]) => ({ category, score: scores.scores[category] ?? 0, threshold: thresholds[level] }))
    .filter((finding) => finding.score >= finding.threshold)
    .sort((a, b) => b.score - a.score);

/** Flagged when a category reaches its reject threshold, unsure when one reaches its escalate threshold, clear otherwise. */
export const judgeModeration = (scores: ModerationScores, policy: ModerationPolicy): ModerationJudgement => {
  const flagged = findingsAt(scores, policy, 'reject');
  if (flagged.length > 0) return { outcome: 'flagged', findings: flagged };
  const unsure = findingsAt(scores, policy, 'escalate');
  return unsure.length > 0 ? { outcome: 'unsure', findings: unsure } : { outcome: 'clear' };
};

const two = (n: number) => n.toFixed(2);
const describe = (findings: readonly Finding[], level: string) =>
  findings.map((f) => `${f.category} ${two(f.score)} (${level} at ${two(f.threshold)})`).join(', ');

/** The scores people read in a note: the highest first. */
const scoreLine = (scores: ModerationScores) =>
  `${scores.model} over ${scores.framesScored} frames: ${Object.entries(scores.scores)
    .sort(([, a], [, b]) => b - a)
    .map(([category, score]) => `${category} ${two(score)}`)
    .join(', ')}`;

const moderationReview = (scores: ModerationScores, judgement: ModerationJudgement): MachineReview => {
  switch (judgement.outcome) {
    case 'flagged':
      return { decision: 'reject', reason: 'CONTENT_POLICY', message: `Content moderation: ${describe(judgement.findings, 'reject')}.` };
    case 'unsure':
      return { decision: 'escalate', message: `Content moderation unsure: ${describe(judgement.findings, 'escalate')}.` };
    default:
      return { decision: 'approve', note: `Content moderation clear (${scoreLine(scores)}).` };
  }
};

const moderationOutcome = (scores: ModerationScores, policy: ModerationPolicy): MachineReview => {
  // No frame scored (a source whose picture ffmpeg could not sample) says nothing: a human looks.
  if (scores.framesScored === 0) return { decision: 'escalate', message: `Content moderation scored no frame (${scores.model}).` };
  return moderationReview(scores, judgeModeration(scores, policy));
};

/**
 * One outcome from the media signals and the content scores: a rejection of either wins (content first: it says
 * more), then an escalation of either (both messages, so the human sees every reason), and only when both approve
 * does the machine approve.
 */
const combine = (media: MachineReview, content: MachineReview): MachineReview => {
  if (content.decision === 'reject') return content;
  if (media.decision === 'reject') return media;
  const escalations = [media, content].flatMap((review) => (review.decision === 'escalate' ? [review.message] : []));
  if (escalations.length > 0) return { decision: 'escalate', message: escalations.join(' ') };
  const notes = [media, content].flatMap((review) => (review.decision === 'approve' ? [review.note] : []));
  return { decision: 'approve', note: notes.join(' ') };
};

const shareOf = (seconds: number, duration: number) => Math.min(1, Math.max(0, seconds / Math.max(duration, 0.001)));

/** The figures recorded with the outcome. */
export const assessmentOf = (signals: MediaSignals, moderation: ModerationResult): ReviewAssessment => ({
  signals: {
    durationSeconds: signals.durationSeconds,
    blackShare: shareOf(signals.blackSeconds, signals.durationSeconds),
    silenceShare: signals.silenceSeconds === null ? null : shareOf(signals.silenceSeconds, signals.durationSeconds),
  },
  moderation,
});

export interface ReviewPolicies {
  readonly media: MachineReviewPolicy;
  readonly moderation: ModerationPolicy;
}

/**
 * The machine reviewer's rule: the media signals (black picture, silence) and, when moderation ran, the content
 * scores against their thresholds; with the assessment to record beside the outcome.
 */
export const decideMachineReviewWithModeration = (
  signals: MediaSignals,
  moderation: ModerationResult,
  policies: ReviewPolicies,
): { readonly outcome: MachineReview; readonly assessment: ReviewAssessment } => {
  const media = decideMachineReview(signals, policies.media);
  const content: MachineReview | null = moderation === null ? null : moderationOutcome(moderation, policies.moderation);
  return { outcome: content === null ? media : combine(media, content), assessment: assessmentOf(signals, moderation) };
};
