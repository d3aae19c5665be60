import * as z from 'zod';
import { nonNegativeInt } from './fields';

/** A share or a probability, 0 to 1. */
const share = z.number().min(0).max(1);

/** A moderation category as the model or service names it: nsfwjs classes (Porn, Sexy...), Rekognition's top-level labels. */
export const moderationCategorySchema = z.string().min(1).max(100);

/**
 * What the machine reviewer measured, recorded with its outcome so a human sees why: the media signals and, when
 * content moderation ran, each category's highest score over the sampled frames (or the video, for Rekognition).
 */
export const reviewAssessmentSchema = z.strictObject({
  signals: z.strictObject({
    durationSeconds: z.number().nonnegative(),
    blackShare: share,
    /** null: no audio track. */
    silenceShare: share.nullable(),
  }),
  /** null: content moderation is off in this deployment (MODERATION_BACKEND=off). */
  moderation: z
    .strictObject({
      /** Which model or service scored, e.g. `nsfwjs-mobilenet-v2`, `rekognition`. */
      model: z.string().min(1).max(100),
      /** Frames scored (locally), or labelled moments (Rekognition). */
      framesScored: nonNegativeInt,
      /** Highest score per category, 0 to 1. */
      scores: z.record(moderationCategorySchema, share),
    })
    .nullable(),
});
export type ReviewAssessment = z.infer<typeof reviewAssessmentSchema>;
export type ModerationScores = NonNullable<ReviewAssessment['moderation']>;
