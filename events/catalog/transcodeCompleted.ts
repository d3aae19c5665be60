import * as z from 'zod';
import { defineEvent } from '../contract';
import { deliveryFormatSchema, objectKeySchema, positiveInt, showIdSchema, transcodeIdSchema } from './fields';

export const renditionSchema = z.strictObject({
  name: z.string().min(1).max(32),
  width: positiveInt,
  height: positiveInt,
  videoBitrateKbps: positiveInt,
  codec: z.string().min(1).max(64),
});

/** A manifest (or progressive file) per delivery format: a key in the output bucket, not a public URL. */
export const outputSchema = z.strictObject({
  format: deliveryFormatSchema,
  key: objectKeySchema,
});

export const transcodeCompletedSchema = z.strictObject({
  showId: showIdSchema,
  transcodeId: transcodeIdSchema,
  renditions: z.array(renditionSchema).min(1).max(16),
  outputs: z.array(outputSchema).min(1),
  thumbnailKeys: z.array(objectKeySchema).max(100),
});
export type TranscodeResult = z.infer<typeof transcodeCompletedSchema>;

export const transcodeCompleted = defineEvent({
  type: 'TranscodeCompleted',
  context: 'catalog',
  schemaVersion: 1,
  description: 'The transcode finished: its renditions, the output manifests and the thumbnails.',
  schema: transcodeCompletedSchema,
});
