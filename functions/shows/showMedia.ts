import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

export interface ShowMediaBuckets {
  readonly sourceBucket: string;
  readonly mediaBucket: string;
}

/**
 * Every key a show owns, by bucket: its uploads (`uploads/<showId>/<uploadId>/source.<ext>`, functions/workflow/
 * workflowRuns) and every transcode's renditions and thumbnails (`shows/<showId>/<transcodeId>/`, domain/media/
 * jobSettings). The trailing slash keeps show `a` from taking show `ab`'s objects.
 */
export const showMediaPrefixes = (buckets: ShowMediaBuckets, showId: string) => [
  { bucket: buckets.sourceBucket, prefix: `uploads/${showId}/` },
  { bucket: buckets.mediaBucket, prefix: `shows/${showId}/` },
];

/** Deletes every object under one prefix, a listing page (up to 1,000 keys) per DeleteObjects; answers how many. */
const deletePrefix = async (s3: Pick<S3Client, 'send'>, bucket: string, prefix: string): Promise<number> => {
  let deleted = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [{ Key: object.Key }]));
    if (keys.length > 0) {
      const answer = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
      // A key S3 could not delete fails the caller: its retries run it again, and what is gone stays gone.
      if ((answer.Errors ?? []).length > 0) throw new Error(`could not delete ${answer.Errors?.length} objects under s3://${bucket}/${prefix}: ${answer.Errors?.[0]?.Message}`);
      deleted += keys.length;
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return deleted;
};

/** Deletes the show's sources, renditions and thumbnails from both buckets; idempotent. Answers how many objects went. */
export const deleteShowMedia = async (s3: Pick<S3Client, 'send'>, buckets: ShowMediaBuckets, showId: string): Promise<number> => {
  let deleted = 0;
  for (const { bucket, prefix } of showMediaPrefixes(buckets, showId)) deleted += await deletePrefix(s3, bucket, prefix);
  return deleted;
};
