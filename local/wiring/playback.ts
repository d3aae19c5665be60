/**
 * No CloudFront runs here, so a PLAYBACK_BASE_URL built from a distribution resolves to unset (local/config): a
 * function given a MEDIA_BUCKET and no playback origin plays from the local S3 endpoint (path-style) instead.
 */
export const withLocalPlayback = <F extends { readonly environment: Readonly<Record<string, string>> }>(fn: F, s3Endpoint: string): F => {
  const bucket = fn.environment.MEDIA_BUCKET;
  if (bucket === undefined || fn.environment.PLAYBACK_BASE_URL !== undefined) return fn;
  return { ...fn, environment: { ...fn.environment, PLAYBACK_BASE_URL: `${s3Endpoint.replace(/\/$/, '')}/${bucket}` } };
};
