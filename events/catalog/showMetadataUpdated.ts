import * as z from 'zod';
import { defineEvent, upcastFrom } from '../contract';
import { descriptionSchema, genreSchema, languageSchema, showIdSchema, titleSchema } from './fields';

/** The fields a metadata change may carry; each present one is a new value. */
const textChangeFields = {
  title: titleSchema.optional(),
  description: descriptionSchema.optional(),
  genre: genreSchema.optional(),
  language: languageSchema.optional(),
};

export const metadataChangeFields = { ...textChangeFields, premium: z.boolean().optional() };

const namesAChange = (value: Record<string, unknown>) =>
  Object.keys(metadataChangeFields).some((field) => value[field] !== undefined);
const namesAChangeMessage = 'name at least one changed field: title, description, genre, language or premium';

/** Also the input of an UpdateShowMetadata command: a change that names no field is no change. */
export const metadataChangesSchema = z.strictObject(metadataChangeFields).refine(namesAChange, namesAChangeMessage);

/** Version 1, frozen: before the premium flag could change. */
const showMetadataUpdatedV1Schema = z.strictObject({ showId: showIdSchema, ...textChangeFields });

export const showMetadataUpdated = defineEvent({
  type: 'ShowMetadataUpdated',
  context: 'catalog',
  schemaVersion: 2,
  description: 'Catalogue metadata changed; only the fields that changed are present, with their new values.',
  schema: z.strictObject({ showId: showIdSchema, ...metadataChangeFields }).refine(namesAChange, namesAChangeMessage),
  // A version 1 change is a version 2 change that leaves premium as it was.
  upcasters: [upcastFrom(1, showMetadataUpdatedV1Schema, (v1) => v1)],
});
