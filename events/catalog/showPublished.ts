import * as z from 'zod';
import { defineEvent, upcastFrom } from '../contract';
import { deliveryFormatSchema, showIdSchema, transcodeIdSchema } from './fields';

const httpsUrl = z.url({ protocol: /^https$/ });

/** Version 1, frozen: HTTPS URLs only. */
export const showPublishedV1Schema = z.strictObject({
  showId: showIdSchema,
  transcodeId: transcodeIdSchema,
  playback: z.array(z.strictObject({ format: deliveryFormatSchema, url: httpsUrl })).min(1),
  thumbnailUrls: z.array(httpsUrl).max(100),
});

/**
 * Version 2 also accepts plain HTTP: the local stack serves the outputs from its S3 endpoint, which has no TLS.
 * On AWS the URLs are CloudFront's HTTPS ones. Every v1 event is a valid v2 event.
 */
const playbackUrl = z.url({ protocol: /^https?$/ });

export const playbackSchema = z.strictObject({
  format: deliveryFormatSchema,
  url: playbackUrl,
});

export const showPublished = defineEvent({
  type: 'ShowPublished',
  context: 'catalog',
  schemaVersion: 2,
  description: 'The approved outputs are in the catalogue and playable at these URLs.',
  schema: z.strictObject({
    showId: showIdSchema,
    transcodeId: transcodeIdSchema,
    playback: z.array(playbackSchema).min(1),
    thumbnailUrls: z.array(playbackUrl).max(100),
  }),
  upcasters: [upcastFrom(1, showPublishedV1Schema, (v1) => v1)],
});
