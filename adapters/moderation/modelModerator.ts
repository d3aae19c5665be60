import { maxPerCategory } from '../../domain/media/moderation';
import { sampleFrames } from './frames';
import { nsfwClassifier, nsfwModelName } from './nsfwModel';
import type { ContentModerator } from './port';

/**
 * Moderation by the nsfwjs model in this process: frames sampled with ffmpeg (one a second, at most `maxFrames`
 * evenly spaced), each scored, the highest score of each class kept. Answers at once.
 */
export const modelModerator = (options: { readonly maxFrames: number }): ContentModerator => ({
  moderate: async (source) => {
    const classifier = await nsfwClassifier();
    const frames: Record<string, number>[] = [];
    const framesScored = await sampleFrames(source.url, { durationSeconds: source.durationSeconds, maxFrames: options.maxFrames }, async (frame) => {
      frames.push(await classifier.classify(frame));
    });
    return { status: 'scored', scores: { model: nsfwModelName, framesScored, scores: maxPerCategory(frames) } };
  },
});

/** No content moderation: the media signals alone decide. */
export const moderationOff: ContentModerator = { moderate: () => Promise.resolve({ status: 'off' }) };
