import * as z from 'zod';
import { nsfwClasses } from '../../adapters/moderation/nsfwModel';
import type { ModerationPolicy } from '../../domain/media/moderation';
import { moderationCategorySchema } from '../../events/catalog/reviewAssessment';
import { configOnce, readConfig, type Env } from '../runtime/config';

const thresholdsSchema = z
  .strictObject({ escalate: z.number().gt(0).max(1), reject: z.number().gt(0).max(1) })
  .refine((t) => t.escalate <= t.reject, { message: 'escalate must be at most reject (at or above escalate a human looks, at or above reject the machine rejects)' });

/** Per category; categories left out never count (nsfwjs's Neutral and Drawing). */
const policySchema = z.record(moderationCategorySchema, thresholdsSchema);

/**
 * Defaults for nsfwjs MobileNetV2. Escalating low is deliberate: the model scored a photo of a red rose "Porn
 * 0.43-0.50" (shared/reference/media-ml.md), so a score that high is a question for a person, not an answer.
 */
export const defaultModelPolicy: ModerationPolicy = {
  Porn: { escalate: 0.4, reject: 0.85 },
  Hentai: { escalate: 0.4, reject: 0.85 },
  Sexy: { escalate: 0.6, reject: 0.95 },
};

/**
 * Defaults for Rekognition's top-level moderation labels (confidence / 100), under their current and previous
 * names. Suggestive content (swimwear, kissing) and alcohol, tobacco and gambling only ever go to a person.
 */
export const defaultRekognitionPolicy: ModerationPolicy = {
  Explicit: { escalate: 0.5, reject: 0.9 },
  'Explicit Nudity': { escalate: 0.5, reject: 0.9 },
  'Non-Explicit Nudity of Intimate parts and Kissing': { escalate: 0.6, reject: 1 },
  Suggestive: { escalate: 0.7, reject: 1 },
  Violence: { escalate: 0.5, reject: 0.95 },
  'Visually Disturbing': { escalate: 0.5, reject: 0.95 },
  'Hate Symbols': { escalate: 0.5, reject: 0.9 },
  'Rude Gestures': { escalate: 0.7, reject: 1 },
};

const jsonPolicy = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not JSON: give {"<category>": {"escalate": 0.4, "reject": 0.85}, ...}' });
    return z.NEVER;
  }
}).pipe(policySchema);

const moderationEnvSchema = z
  .object({
    /**
     * Who scores the content: `model` (nsfwjs in the machine reviewer: the local cloud), `rekognition` (Amazon
     * Rekognition's video content moderation: AWS), `off` (the media signals alone decide).
     */
    MODERATION_BACKEND: z.enum(['model', 'rekognition', 'off']).default('model'),
    /** At most this many frames are scored, evenly spaced over a long video (one a second otherwise). */
    MODERATION_MAX_FRAMES: z.coerce.number().int().min(1).max(600).default(60),
    /** Per-category thresholds as JSON; unset or empty: the backend's defaults above. */
    MODERATION_THRESHOLDS: z.preprocess((value) => (value === '' ? undefined : value), jsonPolicy.optional()),
    /** Rekognition only: the topic it notifies on completion, and the role it publishes with. */
    MODERATION_SNS_TOPIC_ARN: z.string().min(1).optional(),
    MODERATION_ROLE_ARN: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    const unknown = env.MODERATION_BACKEND === 'model' ? Object.keys(env.MODERATION_THRESHOLDS ?? {}).filter((c) => !(nsfwClasses as readonly string[]).includes(c)) : [];
    // A misspelt category would switch its moderation off without a word: refuse it.
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', path: ['MODERATION_THRESHOLDS'], message: `names ${unknown.join(', ')}, which the model does not score (it scores ${nsfwClasses.join(', ')})` });
    if (env.MODERATION_BACKEND === 'rekognition' && (env.MODERATION_SNS_TOPIC_ARN === undefined || env.MODERATION_ROLE_ARN === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['MODERATION_SNS_TOPIC_ARN'], message: 'and MODERATION_ROLE_ARN are required with MODERATION_BACKEND=rekognition' });
    }
  })
  .transform((env) => ({
    ...env,
    policy: env.MODERATION_THRESHOLDS ?? (env.MODERATION_BACKEND === 'rekognition' ? defaultRekognitionPolicy : defaultModelPolicy),
  }));
export type ModerationConfig = z.infer<typeof moderationEnvSchema>;

const what = 'content moderation configuration';

/** The settings in `env`, validated (a wrong value fails saying which variable and why). */
export const parseModerationConfig = (env: Env): ModerationConfig => readConfig(moderationEnvSchema, env, what);

/** The machine reviewer's content moderation settings, validated once at load (a wrong one fails the cold start). */
export const moderationConfig = configOnce(moderationEnvSchema, what);
