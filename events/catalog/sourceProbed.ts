import * as z from 'zod';
import { defineEvent } from '../contract';
import { nonNegativeInt, positiveInt, showIdSchema, uploadIdSchema } from './fields';

export const videoStreamSchema = z.strictObject({
  index: nonNegativeInt,
  codec: z.string().min(1).max(64),
  width: positiveInt,
  height: positiveInt,
  // Phones record portrait as landscape pixels plus a rotation: the ladder needs the displayed shape.
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  frameRate: z.number().positive().max(1000),
  bitrateBps: positiveInt.optional(),
});
export type VideoStream = z.infer<typeof videoStreamSchema>;

export const audioStreamSchema = z.strictObject({
  index: nonNegativeInt,
  codec: z.string().min(1).max(64),
  channels: positiveInt,
  sampleRateHz: positiveInt,
  bitrateBps: positiveInt.optional(),
  language: z.string().min(1).max(35).optional(),
});
export type AudioStream = z.infer<typeof audioStreamSchema>;

export const sourceProbedSchema = z.strictObject({
  showId: showIdSchema,
  uploadId: uploadIdSchema,
  container: z.string().min(1).max(64),
  durationMs: positiveInt,
  // Absent when the container does not say (some MKV and raw streams).
  overallBitrateBps: positiveInt.optional(),
  video: z.array(videoStreamSchema).max(16),
  audio: z.array(audioStreamSchema).max(64),
});
export type SourceProbe = z.infer<typeof sourceProbedSchema>;

export const sourceProbed = defineEvent({
  type: 'SourceProbed',
  context: 'catalog',
  schemaVersion: 1,
  description: 'The uploaded source was probed: its container, duration and elementary streams.',
  schema: sourceProbedSchema,
});
