import * as z from 'zod';

/**
 * Field schemas shared by the catalog events. Command validation at the API boundary reuses them, so a
 * command that passes there produces events that pass their contract.
 */

/** Ids come from the caller (deterministic ids make retried uploads and S3 events idempotent). */
const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, "-" and "_" only');

export const showIdSchema = id;
export const uploadIdSchema = id;
export const transcodeIdSchema = id;

export const titleSchema = z.string().trim().min(1).max(200);
export const descriptionSchema = z.string().max(5000);
export const genreSchema = z.string().trim().min(1).max(50);
/** A BCP 47 tag such as `en`, `pt-BR`; `und` (ISO 639-2 "undetermined") when nobody said. */
export const languageSchema = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'use a BCP 47 language tag such as "en" or "pt-BR"');
export const undeterminedLanguage = 'und';

/** An object key in the media bucket; the bucket itself is deployment config, not part of the fact. */
export const objectKeySchema = z.string().min(1).max(1024);
export const positiveInt = z.number().int().positive();
export const nonNegativeInt = z.number().int().nonnegative();

/** Delivery formats a transcode can produce; consumers match on these names: add, never rename. */
export const deliveryFormatSchema = z.enum(['hls', 'dash', 'cmaf', 'mp4']);
export type DeliveryFormat = z.infer<typeof deliveryFormatSchema>;

/** One rung of the ABR ladder. `shortSidePx` is the short side, so one ladder serves landscape and portrait. */
export const rungSchema = z.strictObject({
  name: z.string().min(1).max(32),
  shortSidePx: positiveInt,
  videoBitrateKbps: positiveInt,
});
export type Rung = z.infer<typeof rungSchema>;

/** A human-readable explanation next to a stable reason code: for people, never matched on. */
export const messageSchema = z.string().min(1).max(2000);
