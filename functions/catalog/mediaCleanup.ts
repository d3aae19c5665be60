import type { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { decodeShowEvent } from '../../domain/show';
import { envelopeSchema } from '../../events/envelope';
import { readConfig, type Env } from '../runtime/config';
import { logger } from '../runtime/logger';
import { s3Client } from '../runtime/sdk/s3';
import { deleteShowMedia } from '../shows/showMedia';

/** The outboxed ShowDeleted as the publisher puts it on the bus: the stored envelope is the detail. */
const deletedEventSchema = z.object({ detail: envelopeSchema });

export interface MediaCleanupDeps {
  readonly s3: Pick<S3Client, 'send'>;
  readonly sourceBucket: string;
  readonly mediaBucket: string;
}

/**
 * Target of the rule on ShowDeleted: deletes the show's source(s), renditions and thumbnails from both buckets.
 * Idempotent: a redelivered event finds less (or nothing) to delete. Any other event is ignored.
 */
export const mediaCleanup = (deps: MediaCleanupDeps) => async (event: unknown) => {
  const envelope = deletedEventSchema.parse(event).detail;
  const deleted = decodeShowEvent(envelope);
  if (deleted.type !== 'ShowDeleted') return { deletedObjects: 0 };
  const deletedObjects = await deleteShowMedia(deps.s3, deps, deleted.data.showId);
  logger.info('deleted show media', { showId: deleted.data.showId, eventId: envelope.eventId, deletedObjects });
  return { deletedObjects };
};

const configSchema = z.object({ SOURCE_BUCKET: z.string().min(1), MEDIA_BUCKET: z.string().min(1) });

/** The buckets from this container's environment, read once at load. */
export const mediaCleanupDeps = (env: Env = process.env): MediaCleanupDeps => {
  const config = readConfig(configSchema, env, 'media cleanup configuration');
  return { s3: s3Client(), sourceBucket: config.SOURCE_BUCKET, mediaBucket: config.MEDIA_BUCKET };
};
