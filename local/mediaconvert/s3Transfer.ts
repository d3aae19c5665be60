import { createWriteStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Location } from './plan';

/** A job that failed as MediaConvert reports it: the name becomes the Step Functions error (`MediaConvert.<name>`). */
export class MediaConvertJobError extends Error {
  constructor(readonly errorCode: number, message: string) {
    super(message);
    this.name = 'JobFailed';
  }
}


const contentTypes: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.mpd': 'application/dash+xml',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.jpg': 'image/jpeg',
  '.vtt': 'text/vtt; charset=utf-8',
};

const prefixOf = (key: string) => key.slice(0, key.lastIndexOf('/') + 1);

export const uploadDir = async (s3: S3Client, dir: string, destination: S3Location): Promise<string[]> => {
  const files = await readdir(dir);
  const prefix = prefixOf(destination.key);
  await Promise.all(
    files.map(async (file) =>
      s3.send(new PutObjectCommand({ Bucket: destination.bucket, Key: `${prefix}${file}`, Body: await readFile(join(dir, file)), ContentType: contentTypes[extname(file)] ?? 'application/octet-stream' })),
    ),
  );
  return files.map((file) => `${prefix}${file}`).sort();
};

export const download = async (s3: S3Client, from: S3Location, to: string): Promise<void> => {
  const object = await s3.send(new GetObjectCommand({ Bucket: from.bucket, Key: from.key })).catch((error: unknown) => {
    throw new MediaConvertJobError(1030, `Failed to read input s3://${from.bucket}/${from.key}: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (!(object.Body instanceof Readable)) throw new MediaConvertJobError(1030, `Input s3://${from.bucket}/${from.key} has no body`);
  await pipeline(object.Body, createWriteStream(to));
};

