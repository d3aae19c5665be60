import * as z from 'zod';
import { defineEvent } from '../contract';
import { deliveryFormatSchema, rungSchema, showIdSchema, transcodeIdSchema, uploadIdSchema } from './fields';

export const transcodeRequested = defineEvent({
  type: 'TranscodeRequested',
  context: 'catalog',
  schemaVersion: 1,
  description: 'A transcode of the probed source was requested with this ladder and these delivery formats.',
  schema: z.strictObject({
    showId: showIdSchema,
    uploadId: uploadIdSchema,
    transcodeId: transcodeIdSchema,
    ladder: z.array(rungSchema).min(1).max(16),
    formats: z.array(deliveryFormatSchema).min(1),
  }),
});
