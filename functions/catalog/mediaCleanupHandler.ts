import { mediaCleanup, mediaCleanupDeps } from './mediaCleanup';

/** The rule's target, wired to this container's S3 client and buckets (config read once, at load). */
export const handler = mediaCleanup(mediaCleanupDeps());
