import type { RejectionReason } from '../../events/catalog/showRejected';

/** What the media says about itself: measured by ffmpeg's blackdetect and silencedetect locally. */
export interface MediaSignals {
  readonly durationSeconds: number;
  /** Total seconds of black picture. */
  readonly blackSeconds: number;
  /** Total seconds of silence; null when the outputs carry no audio track. */
  readonly silenceSeconds: number | null;
}

export type MachineReview =
  | { readonly decision: 'approve'; readonly note: string }
  | { readonly decision: 'reject'; readonly reason: RejectionReason; readonly message: string }
  | { readonly decision: 'escalate'; readonly message: string };

export interface MachineReviewPolicy {
  /** Share of the duration at or above which the picture counts as blank. */
  readonly rejectBlackShare: number;
  /** Below this share of black and of silence the machine is sure enough to approve. */
  readonly approveMaxShare: number;
}

export const defaultMachineReviewPolicy: MachineReviewPolicy = { rejectBlackShare: 0.9, approveMaxShare: 0.02 };

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The machine reviewer decides only when the signals are clear: a blank picture is rejected, clean picture and
 * sound are approved, and everything between (some black, long silences, no audio) goes to a human, who sees
 * the measured figures in the message.
 */
export const decideMachineReview = (signals: MediaSignals, policy: MachineReviewPolicy = defaultMachineReviewPolicy): MachineReview => {
  const duration = Math.max(signals.durationSeconds, 0.001);
  const black = Math.min(1, signals.blackSeconds / duration);
  if (black >= policy.rejectBlackShare) {
    return { decision: 'reject', reason: 'VIDEO_QUALITY', message: `The picture is black for ${percent(black)} of the ${signals.durationSeconds.toFixed(1)} s.` };
  }
  if (signals.silenceSeconds === null) {
    return { decision: 'escalate', message: `No audio track; black for ${percent(black)} of the picture: a human should judge whether that is intended.` };
  }
  const silence = Math.min(1, signals.silenceSeconds / duration);
  if (black <= policy.approveMaxShare && silence <= policy.approveMaxShare) {
    return { decision: 'approve', note: `Machine review: black ${percent(black)}, silence ${percent(silence)}.` };
  }
  return { decision: 'escalate', message: `Unsure: black for ${percent(black)} and silent for ${percent(silence)} of the ${signals.durationSeconds.toFixed(1)} s.` };
};
