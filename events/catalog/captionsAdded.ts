import * as z from 'zod';
import { defineEvent } from '../contract';
import { languageSchema, nonNegativeInt, objectKeySchema, showIdSchema } from './fields';

/** What a person picks a caption track by in a player's menu ("English", "Français (Canada)"). */
export const captionLabelSchema = z.string().trim().min(1).max(80);

/** The format the creator sent; the stored file is WebVTT either way (SRT is converted on the way in). */
export const captionSourceFormatSchema = z.enum(['webvtt', 'srt']);

export const captionsAdded = defineEvent({
  type: 'CaptionsAdded',
  context: 'catalog',
  schemaVersion: 1,
  description:
    'The creator (or an admin) gave the show captions in one language, stored as WebVTT at `key` in the media bucket. A second one in the same language replaces the first. Packaged as HLS subtitle renditions and DASH text tracks.',
  schema: z.strictObject({
    showId: showIdSchema,
    language: languageSchema,
    label: captionLabelSchema,
    key: objectKeySchema,
    sourceFormat: captionSourceFormatSchema,
    cueCount: nonNegativeInt,
  }),
});
