import * as z from 'zod';
import { defineEvent } from '../contract';
import { languageSchema, showIdSchema } from './fields';

export const captionsRemoved = defineEvent({
  type: 'CaptionsRemoved',
  context: 'catalog',
  schemaVersion: 1,
  description: 'The show\'s captions in one language were removed: players no longer offer them.',
  schema: z.strictObject({ showId: showIdSchema, language: languageSchema }),
});
