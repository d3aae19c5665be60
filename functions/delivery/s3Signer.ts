import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PlaybackSigner } from './signing';

/**
 * Presigned S3 GETs, one per output: what playback gives where no CloudFront distribution is configured (the local
 * stack). The local S3 serves the objects a playlist points at by relative URL without a signature, as the
 * distribution's cookies do on AWS; on AWS itself only CloudFront is used (the bucket is private to it).
 */
export const s3PresignSigner = (s3: () => S3Client, bucket: string): PlaybackSigner => ({
  grant: async ({ outputs, ttlSeconds: expiresIn }) => {
    const sources = await Promise.all(
      outputs.map(async ({ format, key }) => ({ format, url: await getSignedUrl(s3(), new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn }) })),
    );
    return { sources };
  },
});
