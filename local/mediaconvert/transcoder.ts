import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { jobPaths } from './commands';
import { FfmpegError } from './ffmpeg';
import { planJob, type S3Location, type TranscodePlan } from './plan';
import { runPlan } from './runPlan';

export interface LocalMediaConvertOptions {
  /** The local S3 the sources are read from and the outputs written to. */
  readonly s3Endpoint: string;
  readonly region: string;
  /**
   * Fault injection for tests of the failure path: a job whose input key matches fails as a MediaConvert job
   * with an unreadable input does. Also read from SHOWRUNNER_MEDIACONVERT_FAIL_INPUTS (a regular expression).
   */
  readonly failInputs?: RegExp;
}

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
};

const prefixOf = (key: string) => key.slice(0, key.lastIndexOf('/') + 1);

const uploadDir = async (s3: S3Client, dir: string, destination: S3Location): Promise<string[]> => {
  const files = await readdir(dir);
  const prefix = prefixOf(destination.key);
  await Promise.all(
    files.map(async (file) =>
      s3.send(new PutObjectCommand({ Bucket: destination.bucket, Key: `${prefix}${file}`, Body: await readFile(join(dir, file)), ContentType: contentTypes[extname(file)] ?? 'application/octet-stream' })),
    ),
  );
  return files.map((file) => `${prefix}${file}`).sort();
};

const download = async (s3: S3Client, from: S3Location, to: string): Promise<void> => {
  const object = await s3.send(new GetObjectCommand({ Bucket: from.bucket, Key: from.key })).catch((error: unknown) => {
    throw new MediaConvertJobError(1030, `Failed to read input s3://${from.bucket}/${from.key}: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (!(object.Body instanceof Readable)) throw new MediaConvertJobError(1030, `Input s3://${from.bucket}/${from.key} has no body`);
  await pipeline(object.Body, createWriteStream(to));
};

const outputGroupDetails = (plan: TranscodePlan) => [
  ...(plan.hls ? [{ Type: 'HLS_GROUP', OutputDetails: plan.renditions.map((r) => ({ VideoDetails: { WidthInPx: r.width, HeightInPx: r.height } })) }] : []),
  ...(plan.dash ? [{ Type: 'DASH_ISO_GROUP', OutputDetails: plan.renditions.map((r) => ({ VideoDetails: { WidthInPx: r.width, HeightInPx: r.height } })) }] : []),
  ...(plan.thumbnails ? [{ Type: 'FILE_GROUP', OutputDetails: [{ VideoDetails: { WidthInPx: plan.thumbnails.width, HeightInPx: plan.thumbnails.height } }] }] : []),
];

/**
 * The backend of `mediaconvert:createJob(.sync)` in the local Step Functions: runs the job with real ffmpeg and
 * writes renditions, the HLS master playlist, the DASH manifest and thumbnails to the destination bucket. It
 * resolves with `{ Job }` as GetJob describes a COMPLETE job; a failed job rejects with `JobFailed`.
 */
export const createLocalMediaConvert = (options: LocalMediaConvertOptions) => {
  const s3 = new S3Client({
    endpoint: options.s3Endpoint,
    region: options.region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const envFailure = process.env.SHOWRUNNER_MEDIACONVERT_FAIL_INPUTS;
  const failInputs = options.failInputs ?? (envFailure ? new RegExp(envFailure) : undefined);

  return async (request: unknown): Promise<unknown> => {
    const plan = planJob(request);
    const id = `${Date.now()}-${randomUUID().slice(0, 6)}`;
    const submitTime = new Date();
    if (failInputs?.test(plan.input.key)) throw new MediaConvertJobError(1040, `Injected failure for input ${plan.input.key} (fault injection)`);
    const root = await mkdtemp(join(tmpdir(), 'mediaconvert-'));
    try {
      const paths = jobPaths(root, `source${extname(plan.input.key)}`);
      await download(s3, plan.input, paths.source);
      await runPlan(plan, paths).catch((error: unknown) => {
        throw new MediaConvertJobError(1010, `Transcoding failed: ${error instanceof FfmpegError ? error.stderrTail : String(error)}`);
      });
      await Promise.all([
        plan.hls ? uploadDir(s3, paths.hls, plan.hls.destination) : [],
        plan.dash ? uploadDir(s3, paths.dash, plan.dash.destination) : [],
        plan.thumbnails ? uploadDir(s3, paths.thumbnails, plan.thumbnails.destination) : [],
      ]);
      return {
        Job: {
          Id: id,
          Arn: `arn:aws:mediaconvert:${options.region}:000000000000:jobs/${id}`,
          Status: 'COMPLETE',
          UserMetadata: plan.userMetadata,
          Settings: (request as { Settings?: unknown }).Settings,
          OutputGroupDetails: outputGroupDetails(plan),
          Timing: { SubmitTime: submitTime.toISOString(), StartTime: submitTime.toISOString(), FinishTime: new Date().toISOString() },
        },
      };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };
};
