import { z } from 'zod';
import { defineEvent, upcastFrom } from '../contract';
import { descriptionSchema, genreSchema, languageSchema, showIdSchema, titleSchema, undeterminedLanguage } from './fields';

/** Version 1, frozen: what ShowDrafted events written before `language` existed look like. */
export const showDraftedV1Schema = z.strictObject({
  showId: showIdSchema,
  title: titleSchema,
  description: descriptionSchema,
  genre: genreSchema,
});

export const showDrafted = defineEvent({
  type: 'ShowDrafted',
  context: 'catalog',
  schemaVersion: 2,
  description: 'A show was created as a draft with its catalogue metadata; it has no video yet.',
  schema: showDraftedV1Schema.extend({ language: languageSchema }),
  upcasters: [
    // Version 1 never asked for a language, so claiming one would be a guess: "und" says "not stated".
    upcastFrom(1, showDraftedV1Schema, (v1) => ({ ...v1, language: undeterminedLanguage })),
  ],
});
