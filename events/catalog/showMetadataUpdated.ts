import { z } from 'zod';
import { defineEvent } from '../contract';
import { descriptionSchema, genreSchema, languageSchema, showIdSchema, titleSchema } from './fields';

export const showMetadataUpdated = defineEvent({
  type: 'ShowMetadataUpdated',
  context: 'catalog',
  schemaVersion: 1,
  description: 'Catalogue metadata changed; only the fields that changed are present, with their new values.',
  schema: z
    .strictObject({
      showId: showIdSchema,
      title: titleSchema.optional(),
      description: descriptionSchema.optional(),
      genre: genreSchema.optional(),
      language: languageSchema.optional(),
    })
    .refine(({ showId: _showId, ...changes }) => Object.keys(changes).length > 0, 'name at least one changed field'),
});
