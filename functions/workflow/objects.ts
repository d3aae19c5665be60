import { HeadObjectCommand, NotFound, PutObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';

/** What these helpers need of S3: the container's client, or a test's. */
export type S3Port = Pick<S3Client, 'send'>;

/** Whether an object is there; only "not found" is an answer, any other error (access, network) is thrown. */
export const exists = async (s3: S3Port, bucket: string, key: string): Promise<boolean> => {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (error instanceof NotFound || (error instanceof Error && error.name === 'NotFound')) return false;
    throw error;
  }
};

/** The tag the source bucket's lifecycle rules match to move a published show's source to an archive class. */
export const archiveTagKey = 'ArchiveSource';

/**
 * Marks a source for archiving, as the AWS VOD solution does: a tag, and a lifecycle rule of the bucket moves the
 * object. Sources carry no other tags (we write them), so replacing the tag set loses nothing.
 */
export const tagForArchive = async (s3: S3Port, bucket: string, key: string, storageClass: string): Promise<void> => {
  await s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet: [{ Key: archiveTagKey, Value: storageClass }] } }));
};
