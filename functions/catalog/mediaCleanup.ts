import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { decodeShowEvent } from '../../domain/show';
import { envelopeSchema } from '../../events/envelope';
import { readConfig, type Env } from '../runtime/config';
import { logger } from '../runtime/logger';
import { s3Client } from '../runtime/sdk/s3';

/** The outboxed ShowDeleted as the publisher puts it on the bus: the stored envelope is the detail. */
const deletedEventSchema = z.object({ detail: envelopeSchema });

export interface MediaCleanupDeps {
  readonly s3: Pick<S3Client, 'send'>;
  readonly sourceBucket: string;
  readonly mediaBucket: string;
}

/**
 * Every key a show owns, by bucket: its uploads (`uploads/<showId>/<uploadId>/source.<ext>`, functions/workflow/
 * workflowRuns) and every transcode's renditions and thumbnails (`shows/<showId>/<transcodeId>/`, domain/media/
 * jobSettings). The trailing slash keeps show `a` from taking show `ab`'s objects.
 */
export const showMediaPrefixes = (deps: Pick<MediaCleanupDeps, 'sourceBucket' | 'mediaBucket'>, showId: string) => [
  { bucket: deps.sourceBucket, prefix: `uploads/${showId}/` },
  { bucket: deps.mediaBucket, prefix: `shows/${showId}/` },
];

/** Deletes every object under one prefix, a listing page (up to 1,000 keys) per DeleteObjects; answers how many. */
const deletePrefix = async (s3: MediaCleanupDeps['s3'], bucket: string, prefix: string): Promise<number> => {
  let deleted = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [{ Key: object.Key }]));
    if (keys.length > 0) {
      const answer = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
      // A key S3 could not delete fails the invocation: EventBridge's retries run it again, and what is gone stays gone.
      if ((answer.Errors ?? []).length > 0) throw new Error(`could not delete ${answer.Errors?.length} objects under s3://${bucket}/${prefix}: ${answer.Errors?.[0]?.Message}`);
      deleted += keys.length;
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return deleted;
};

/**
 * Target of the rule on ShowDeleted: deletes the show's source(s), renditions and thumbnails from both buckets.
 * Idempotent: a redelivered event finds less (or nothing) to delete. Any other event is ignored.
 */
export const mediaCleanup = (deps: MediaCleanupDeps) => async (event: unknown) => {
  const envelope = deletedEventSchema.parse(event).detail;
  const deleted = decodeShowEvent(envelope);
  if (deleted.type !== 'ShowDeleted') return { deletedObjects: 0 };
  let deletedObjects = 0;
  for (const { bucket, prefix } of showMediaPrefixes(deps, deleted.data.showId)) deletedObjects += await deletePrefix(deps.s3, bucket, prefix);
  logger.info('deleted show media', { showId: deleted.data.showId, eventId: envelope.eventId, deletedObjects });
  return { deletedObjects };
};

const configSchema = z.object({ SOURCE_BUCKET: z.string().min(1), MEDIA_BUCKET: z.string().min(1) });

/** The buckets from this container's environment, read once at load. */
export const mediaCleanupDeps = (env: Env = process.env): MediaCleanupDeps => {
  const config = readConfig(configSchema, env, 'media cleanup configuration');
  return { s3: s3Client(), sourceBucket: config.SOURCE_BUCKET, mediaBucket: config.MEDIA_BUCKET };
};
