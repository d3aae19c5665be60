import * as z from 'zod';
import { defineEvent, upcastFrom } from '../contract';
import { descriptionSchema, genreSchema, languageSchema, showIdSchema, titleSchema, undeterminedLanguage } from './fields';

/** Version 1, frozen: what ShowDrafted events written before `language` existed look like. */
export const showDraftedV1Schema = z.strictObject({
  showId: showIdSchema,
  title: titleSchema,
  description: descriptionSchema,
  genre: genreSchema,
});

/** Version 2, frozen: before a show could be premium. */
export const showDraftedV2Schema = showDraftedV1Schema.extend({ language: languageSchema });

export const showDrafted = defineEvent({
  type: 'ShowDrafted',
  context: 'catalog',
  schemaVersion: 3,
  description: 'A show was created as a draft with its catalogue metadata; it has no video yet. Premium shows need an active subscription to watch.',
  schema: showDraftedV2Schema.extend({ premium: z.boolean() }),
  upcasters: [
    // Version 1 never asked for a language, so claiming one would be a guess: "und" says "not stated".
    upcastFrom(1, showDraftedV1Schema, (v1) => ({ ...v1, language: undeterminedLanguage })),
    // Every show drafted before premium existed was free to watch.
    upcastFrom(2, showDraftedV2Schema, (v2) => ({ ...v2, premium: false })),
  ],
});
