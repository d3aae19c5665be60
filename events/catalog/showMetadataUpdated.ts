import { z } from 'zod';
import { defineEvent } from '../contract';
import { descriptionSchema, genreSchema, languageSchema, showIdSchema, titleSchema } from './fields';

/** The fields a metadata change may carry; each present one is a new value. */
export const metadataChangeFields = {
  title: titleSchema.optional(),
  description: descriptionSchema.optional(),
  genre: genreSchema.optional(),
  language: languageSchema.optional(),
};

const namesAChange = (value: Record<string, unknown>) =>
  Object.keys(metadataChangeFields).some((field) => value[field] !== undefined);
const namesAChangeMessage = 'name at least one changed field: title, description, genre or language';

/** Also the input of an UpdateShowMetadata command: a change that names no field is no change. */
export const metadataChangesSchema = z.strictObject(metadataChangeFields).refine(namesAChange, namesAChangeMessage);

export const showMetadataUpdated = defineEvent({
  type: 'ShowMetadataUpdated',
  context: 'catalog',
  schemaVersion: 1,
  description: 'Catalogue metadata changed; only the fields that changed are present, with their new values.',
  schema: z.strictObject({ showId: showIdSchema, ...metadataChangeFields }).refine(namesAChange, namesAChangeMessage),
});
