import * as z from 'zod';
import { captionLabelSchema, captionSourceFormatSchema } from '../../events/catalog/captionsAdded';
import { languageSchema, showIdSchema } from '../../events/catalog/fields';
import { route } from '../http/route';

const tag = 'Publishing';

/**
 * A caption file travels in the request itself, not through a presigned PUT: caption files are small (an hour of
 * dialogue is ~100 KB), and a direct body lets the API check the file and answer 400 with what is wrong (bad
 * timestamps, not WebVTT or SRT) before anything is stored or recorded. 1 MiB leaves room for long, dense tracks.
 */
export const maxCaptionBytes = 1024 * 1024;

export const captionsPathSchema = z.strictObject({ showId: showIdSchema, language: languageSchema.describe('a BCP 47 tag such as en or fr-CA') });
export const captionsBodySchema = z.strictObject({
  text: z
    .string()
    .min(1, 'must be the caption file\'s text: it is empty')
    .refine((text) => Buffer.byteLength(text, 'utf8') <= maxCaptionBytes, `must be at most ${maxCaptionBytes} bytes (1 MiB) of caption text`)
    .describe('the whole WebVTT or SRT file, as text (SRT is converted to WebVTT)'),
  label: captionLabelSchema.optional().describe('what players show in their captions menu; by default the language\'s own name ("English", "français (Canada)")'),
});
const captionsResultSchema = z.strictObject({
  showId: z.string(),
  language: z.string(),
  label: z.string(),
  sourceFormat: captionSourceFormatSchema,
  cueCount: z.number().int(),
  version: z.number().int(),
});
const notFound = { description: 'no such show, or not yours: only its creator or an admin may change its captions' };
const notYours = { description: 'a published show that is not yours: only its creator or an admin may change its captions' };
const refused = { description: 'the show takes no captions any more (withdrawn or deleted)' };

/** A show's captions, one track per language. */
export const captionRoutes = {
  putCaptions: route({
    routeKey: 'PUT /shows/{showId}/captions/{language}', operationId: 'putCaptions', tag, access: { roles: ['creator', 'admin'] }, path: captionsPathSchema, body: captionsBodySchema,
    summary: 'Add or replace the show\'s captions in one language (WebVTT or SRT; its creator or an admin)',
    description: 'The file is checked (a WebVTT header or SRT numbered cues, valid and ordered timestamps) and stored as WebVTT. Players get it as an HLS subtitle rendition and a DASH text track shortly after, published shows included; the catalogue lists the show\'s caption languages.',
    bodyExample: { text: 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nThe night train leaves at ten.\n', label: 'English' },
    responses: {
      200: { description: 'stored and recorded', schema: captionsResultSchema, example: { showId: '7d0c3a4e-5f1b-4c2e-9a77-0e6f2b1d9c10', language: 'en', label: 'English', sourceFormat: 'webvtt', cueCount: 1, version: 12 } },
      403: notYours,
      404: notFound,
      409: refused,
    },
  }),
  deleteCaptions: route({
    routeKey: 'DELETE /shows/{showId}/captions/{language}', operationId: 'deleteCaptions', tag, access: { roles: ['creator', 'admin'] }, path: captionsPathSchema,
    summary: 'Remove the show\'s captions in one language (its creator or an admin); idempotent',
    responses: {
      200: { description: 'removed (or there were none in this language)', schema: z.strictObject({ showId: z.string(), language: z.string(), version: z.number().int() }) },
      403: notYours,
      404: notFound,
      409: refused,
    },
  }),
};
