import { z } from 'zod';
import { defineEvent } from '../contract';
import { deliveryFormatSchema, showIdSchema, transcodeIdSchema } from './fields';

export const playbackSchema = z.strictObject({
  format: deliveryFormatSchema,
  url: z.url({ protocol: /^https$/ }),
});

export const showPublished = defineEvent({
  type: 'ShowPublished',
  context: 'catalog',
  schemaVersion: 1,
  description: 'The approved outputs are in the catalogue and playable at these URLs.',
  schema: z.strictObject({
    showId: showIdSchema,
    transcodeId: transcodeIdSchema,
    playback: z.array(playbackSchema).min(1),
    thumbnailUrls: z.array(z.url({ protocol: /^https$/ })).max(100),
  }),
});
