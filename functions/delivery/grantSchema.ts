import * as z from 'zod';

/**
 * A short-lived grant to play one transcode, as GET /shows/{showId}/playback and each pending review's preview hand
 * it out: a URL per format, and on a CloudFront origin the signed cookies and the same grant as a query string for
 * players that cannot send cookies (append `query` to every request they make: playlists, segments, init files).
 */
export const playbackGrantSchema = z.strictObject({
  expiresAt: z.string(),
  sources: z.array(z.strictObject({ format: z.string(), url: z.string() })),
  cloudFront: z
    .strictObject({
      cookies: z.strictObject({ 'CloudFront-Policy': z.string(), 'CloudFront-Signature': z.string(), 'CloudFront-Key-Pair-Id': z.string() }),
      query: z.string(),
      resource: z.string(),
    })
    .optional(),
});
