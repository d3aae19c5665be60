import { S3Client } from '@aws-sdk/client-s3';
import { sdkClient } from '../clients';

/**
 * The S3 client. No addressing option: on AWS buckets are virtual-hosted, and the SDK's own endpoint rules switch
 * to path-style for an endpoint whose host is an IP address, as the local S3 at 127.0.0.1 is.
 * Checksums only where S3 requires them: by default the SDK puts the CRC32 of an empty body into every presigned PUT
 * URL it signs, and S3 then refuses the real file's upload with BadDigest.
 */
export const s3Client = sdkClient(() => new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' }));
