import { z } from 'zod';

/** The record s3rver emits, shaped like S3's own notification records. */
export const s3NotificationRecordSchema = z.object({
  eventName: z.string(),
  eventTime: z.string(),
  requestParameters: z.object({ sourceIPAddress: z.string().optional() }).optional(),
  responseElements: z.object({ 'x-amz-request-id': z.string().optional() }).optional(),
  s3: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({ key: z.string(), size: z.number().optional(), eTag: z.string().optional(), sequencer: z.string().optional() }),
  }),
});
export type S3NotificationRecord = z.infer<typeof s3NotificationRecordSchema>;

const reasons: Record<string, string> = {
  'ObjectCreated:Put': 'PutObject',
  'ObjectCreated:Copy': 'CopyObject',
  // s3rver reports a completed multipart upload as a Post; our clients never use browser POST uploads.
  'ObjectCreated:Post': 'CompleteMultipartUpload',
  'ObjectRemoved:Delete': 'DeleteObject',
};

// A created object carries its size and etag; a deleted one only its key and sequencer.
const objectDetail = (created: boolean, object: S3NotificationRecord['s3']['object']) =>
  created
    ? { key: object.key, size: object.size ?? 0, etag: object.eTag ?? '', sequencer: object.sequencer ?? '' }
    : { key: object.key, sequencer: object.sequencer ?? '' };

const requestDetail = (record: S3NotificationRecord, accountId: string) => ({
  'request-id': record.responseElements?.['x-amz-request-id'] ?? '',
  requester: accountId,
  'source-ip-address': record.requestParameters?.sourceIPAddress ?? '127.0.0.1',
});

/**
 * The event S3 puts on the account's default bus when a bucket has EventBridge notifications enabled
 * ("Object Created" / "Object Deleted", source aws.s3), so rules written for AWS match locally unchanged.
 */
export const toS3EventBridgeEvent = (record: S3NotificationRecord, accountId: string) => {
  const created = record.eventName.startsWith('ObjectCreated');
  const { bucket, object } = record.s3;
  return {
    source: 'aws.s3',
    detailType: created ? 'Object Created' : 'Object Deleted',
    time: record.eventTime,
    resources: [`arn:aws:s3:::${bucket.name}`],
    detail: {
      version: '0',
      bucket: { name: bucket.name },
      object: objectDetail(created, object),
      ...requestDetail(record, accountId),
      reason: reasons[record.eventName] ?? record.eventName,
      ...(created ? {} : { 'deletion-type': 'Permanently Deleted' }),
    },
  };
};
export type S3EventBridgeEvent = ReturnType<typeof toS3EventBridgeEvent>;
