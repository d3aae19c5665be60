import { S3Client } from '@aws-sdk/client-s3';
import { sdkClient } from '../clients';

/**
 * The S3 client. No addressing option: on AWS buckets are virtual-hosted, and the SDK's own endpoint rules switch
 * to path-style for an endpoint whose host is an IP address, as the local S3 at 127.0.0.1 is.
 */
export const s3Client = sdkClient(() => new S3Client({}));
